import { randomUUID } from 'node:crypto';
import { GENESIS_HASH, hashEvent, type EventEnvelope } from '@border-ledger/event-store';
import fc from 'fast-check';

type Unsealed = Omit<EventEnvelope, 'hash'>;

/** Computes the hash, as the store does, so the envelope passes `decodeRecord`. */
export function seal(fields: Unsealed): EventEnvelope {
  return { ...fields, hash: hashEvent(fields) };
}

/** A valid stored-looking envelope; override any field (the hash is recomputed). */
export function sampleEnvelope(overrides: Partial<Unsealed> = {}): EventEnvelope {
  return seal({
    eventId: randomUUID(),
    type: 'points-of-entry.crossing-recorded.v1',
    schemaVersion: 1,
    data: { crossingId: 'c-1', direction: 'entry', note: 'ด่านพรมแดน' },
    occurredAt: '2026-11-23T08:00:00.000Z',
    metadata: { agency: 'TH-IMM', country: 'TH', correlationId: randomUUID(), causationId: null },
    streamId: 'crossing-1',
    revision: 0,
    position: 1,
    recordedAt: '2026-11-23T08:00:01.000Z',
    previousHash: GENESIS_HASH,
    ...overrides,
  });
}

const isoDate = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const nonEmpty = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });

/** Any envelope the store could hold, with arbitrary JSON payloads and Unicode metadata. */
export const arbitraryEnvelope: fc.Arbitrary<EventEnvelope> = fc
  .record({
    eventId: fc.uuid(),
    type: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}\.[a-z-]{1,30}\.v[1-9]$/),
    schemaVersion: fc.integer({ min: 1, max: 1000 }),
    data: fc.jsonValue(),
    occurredAt: isoDate,
    metadata: fc.record({
      agency: nonEmpty,
      country: fc.stringMatching(/^[A-Z]{2}$/),
      correlationId: nonEmpty,
      causationId: fc.option(fc.string({ maxLength: 40, unit: 'grapheme' }), { nil: null }),
    }),
    streamId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,60}$/),
    revision: fc.nat(),
    position: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    recordedAt: isoDate,
    previousHash: hex64,
  })
  .map(seal);
