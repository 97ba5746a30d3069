import fc from 'fast-check';
import { GENESIS_HASH } from '../port/envelope';
import { canonicalJson } from './canonical-json';
import { checkLink, hashEvent } from './hash-chain';

const envelope = {
  eventId: '7f1c3a52-2a51-4f7e-9a43-1b2f0d6c9e10',
  type: 'points-of-entry.crossing-recorded.v1',
  schemaVersion: 1,
  data: { b: 1, a: [true, null, 'x'] },
  occurredAt: '2026-11-23T08:00:00.000Z',
  metadata: { agency: 'TH-IMM', country: 'TH', correlationId: 'c', causationId: null },
  streamId: 'crossing-1',
  revision: 0,
  position: 1,
  recordedAt: '2026-11-23T08:00:01.000Z',
  previousHash: GENESIS_HASH,
};

describe('canonical JSON', () => {
  it('sorts keys, drops undefined members and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [1, 'é'] } })).toBe('{"a":{"c":[1,"é"]},"b":1}');
  });

  it('is the same for any key order and round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const encoded = canonicalJson(value);
        expect(canonicalJson(JSON.parse(encoded))).toBe(encoded);
      }),
    );
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ x: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => canonicalJson({ x: 1n })).toThrow(TypeError);
  });
});

describe('hash chain', () => {
  it('hashes deterministically and links to the previous hash', () => {
    const hash = hashEvent(envelope);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent({ ...envelope, data: { a: [true, null, 'x'], b: 1 } })).toBe(hash);
    expect(checkLink({ ...envelope, hash }, GENESIS_HASH)).toBeNull();
    expect(checkLink({ ...envelope, hash }, 'f'.repeat(64))).toMatch(/previous hash/);
  });

  it('changes when any covered field changes', () => {
    const hash = hashEvent(envelope);
    expect(hashEvent({ ...envelope, revision: 1 })).not.toBe(hash);
    expect(hashEvent({ ...envelope, metadata: { ...envelope.metadata, agency: 'KH-IMM' } })).not.toBe(hash);
    expect(hashEvent({ ...envelope, previousHash: 'a'.repeat(64) })).not.toBe(hash);
    expect(checkLink({ ...envelope, data: { b: 2 }, hash }, GENESIS_HASH)).toMatch(/content/);
  });
});
