import { appendContract } from './contract-append';
import { concurrencyContract } from './contract-concurrency';
import { durabilityContract } from './contract-durability';
import { readContract } from './contract-read';
import { subscribeContract } from './contract-subscribe';
import type { ContractSubject } from './fixtures';

export { newEvent, newEvents, uniqueStream, type ContractSubject } from './fixtures';

/**
 * The event store contract: every adapter of the port runs this suite from its own spec file.
 * @param name - label of the adapter, e.g. `sqlite`.
 */
export function describeEventStoreContract(name: string, subject: ContractSubject): void {
  describe(`event store contract: ${name}`, () => {
    describe('append', () => appendContract(subject));
    describe('read', () => readContract(subject));
    describe('subscribe', () => subscribeContract(subject));
    describe('concurrency', () => concurrencyContract(subject));
    describe('durability', () => durabilityContract(subject));
  });
}
