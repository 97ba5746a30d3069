import { canonicalJson } from '@border-ledger/event-store';
import fc from 'fast-check';
import { arbitraryEnvelope, sampleEnvelope } from '../testing';
import { decodeRecord } from './decode-record';
import { encodeEnvelope } from './encode-envelope';
import type { RawRecord } from './record';

/** What a client delivers: every string as UTF-8 bytes. */
function asDelivered(record: { key: string; value: string; headers: Record<string, string> }): RawRecord {
  return {
    key: Buffer.from(record.key),
    value: Buffer.from(record.value),
    headers: Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value)])),
  };
}

describe('encodeEnvelope', () => {
  it('keys by stream id, carries canonical JSON of data and every other field as a header', () => {
    const event = sampleEnvelope({ metadata: { agency: 'LA-CUS', country: 'LA', correlationId: 'corr-1', causationId: 'cause-1' } });
    const record = encodeEnvelope(event);
    expect(record.key).toBe(event.streamId);
    expect(record.value).toBe(canonicalJson(event.data));
    expect(record.headers).toEqual({
      'event-id': event.eventId,
      'event-type': event.type,
      'schema-version': '1',
      'stream-id': event.streamId,
      revision: '0',
      position: '1',
      'occurred-at': event.occurredAt,
      'recorded-at': event.recordedAt,
      agency: 'LA-CUS',
      country: 'LA',
      'correlation-id': 'corr-1',
      'causation-id': 'cause-1',
      'previous-hash': event.previousHash,
      hash: event.hash,
    });
  });

  it('omits causation-id for a root event', () => {
    expect(encodeEnvelope(sampleEnvelope()).headers).not.toHaveProperty('causation-id');
  });
});

describe('decodeRecord round trip', () => {
  it('gives back the envelope for any stored event, from bytes or from strings', () => {
    fc.assert(
      fc.property(arbitraryEnvelope, (event) => {
        const record = encodeEnvelope(event);
        // The store hands out JSON.parse of the canonical text, so that is the value to expect.
        const expected = { ...event, data: JSON.parse(canonicalJson(event.data)) };
        expect(decodeRecord(asDelivered(record))).toEqual({ ok: true, envelope: expected });
        expect(decodeRecord(record)).toEqual({ ok: true, envelope: expected });
      }),
      { numRuns: 300 },
    );
  });

  it('accepts a header delivered as a one-element array and ignores unknown headers', () => {
    const event = sampleEnvelope();
    const record = encodeEnvelope(event);
    const headers = { ...record.headers, 'event-id': [Buffer.from(event.eventId)], 'x-trace': 'abc' };
    expect(decodeRecord({ ...record, headers })).toEqual({ ok: true, envelope: event });
  });
});
