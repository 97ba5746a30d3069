import fc from 'fast-check';
import { WrongExpectedRevisionError } from '../port/errors';
import type { EventStore } from '../port/event-store.port';
import { newEvent, newEvents, uniqueStream, type ContractSubject } from './fixtures';

export function concurrencyContract(subject: ContractSubject): void {
  let store: EventStore;
  beforeAll(async () => {
    store = await subject.open();
  });
  afterAll(async () => store.close());

  it('lets exactly one of the concurrent writers win each revision', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        async (writers, rounds, batchSize) => {
          const stream = uniqueStream('race');
          let expected: 'no-stream' | number = 'no-stream';
          for (let round = 0; round < rounds; round += 1) {
            const attempts = await Promise.allSettled(
              Array.from({ length: writers }, () => store.append(stream, newEvents(batchSize), expected)),
            );
            const winners = attempts.filter((a) => a.status === 'fulfilled');
            const losers = attempts.filter((a) => a.status === 'rejected');
            expect(winners).toHaveLength(1);
            for (const loser of losers) expect((loser as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
            expected = (winners[0] as PromiseFulfilledResult<{ nextExpectedRevision: number }>).value.nextExpectedRevision;
          }
          const events = await store.readStream(stream);
          expect(events.map((e) => e.revision)).toEqual(Array.from({ length: rounds * batchSize }, (_, i) => i));
        },
      ),
      { numRuns: 30 },
    );
    expect(await store.verify()).toMatchObject({ ok: true });
  });

  it('keeps independent streams independent under concurrent appends', async () => {
    const streams = Array.from({ length: 8 }, () => uniqueStream());
    await Promise.all(streams.map((s) => store.append(s, [newEvent()], 'no-stream')));
    const results = await Promise.all(streams.map((s) => store.append(s, [newEvent()], 0)));
    expect(results.map((r) => r.nextExpectedRevision)).toEqual(streams.map(() => 1));
    expect(new Set(results.map((r) => r.position)).size).toBe(streams.length);
  });
}
