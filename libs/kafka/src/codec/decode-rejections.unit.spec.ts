import { sampleEnvelope } from '../testing';
import { decodeRecord } from './decode-record';
import { encodeEnvelope } from './encode-envelope';
import type { RawHeaderValue, RawRecord } from './record';

const good = encodeEnvelope(sampleEnvelope({ streamId: 'crossing-42', revision: 3, position: 17 }));

function withHeaders(change: Record<string, RawHeaderValue>): RawRecord {
  return { ...good, headers: { ...good.headers, ...change } };
}

function reasonFor(record: RawRecord): string {
  const result = decodeRecord(record);
  if (result.ok) throw new Error('expected the record to be rejected');
  return result.reason;
}

describe('decodeRecord rejections', () => {
  it('accepts the unaltered record (baseline for the cases below)', () => {
    expect(decodeRecord(good).ok).toBe(true);
  });

  it.each([
    'event-id', 'event-type', 'schema-version', 'stream-id', 'revision', 'position', 'occurred-at',
    'recorded-at', 'agency', 'country', 'correlation-id', 'previous-hash', 'hash',
  ])('refuses a record without the "%s" header', (name) => {
    expect(reasonFor(withHeaders({ [name]: undefined }))).toBe(`missing header "${name}"`);
  });

  it('refuses a record with no headers at all', () => {
    expect(reasonFor({ ...good, headers: undefined })).toBe('missing header "event-type"');
  });

  it.each<[string, RawHeaderValue, string]>([
    ['event-id', 'not-a-uuid', 'header "event-id" is not a UUID'],
    ['event-id', '', 'header "event-id" is empty'],
    ['event-id', ['7f1c3a52-2a51-4f7e-9a43-1b2f0d6c9e10', '7f1c3a52-2a51-4f7e-9a43-1b2f0d6c9e11'], 'header "event-id" is repeated'],
    ['revision', 'three', 'header "revision" is not a decimal integer'],
    ['revision', '-1', 'header "revision" is not a decimal integer'],
    ['revision', '03', 'header "revision" is not a decimal integer'],
    ['revision', '1.5', 'header "revision" is not a decimal integer'],
    ['revision', '9007199254740993', 'header "revision" is too large'],
    ['position', '0', 'header "position" must be at least 1'],
    ['schema-version', '0', 'header "schema-version" must be at least 1'],
    ['stream-id', 'has space', 'header "stream-id" is not a valid stream id'],
    ['occurred-at', 'yesterday', 'header "occurred-at" is not a date'],
    ['recorded-at', 'soon', 'header "recorded-at" is not a date'],
    ['country', 'th', 'header "country" is not an upper-case ISO 3166-1 alpha-2 code'],
    ['hash', 'abc', 'header "hash" is not a SHA-256 hex digest'],
    ['previous-hash', 'F'.repeat(64), 'header "previous-hash" is not a SHA-256 hex digest'],
    ['agency', Buffer.from([0xc3, 0x28]), 'header "agency" is not valid UTF-8'],
    ['event-type', 'x'.repeat(201), 'header "event-type" is longer than 200'],
  ])('refuses header "%s" = %p', (name, value, reason) => {
    expect(reasonFor(withHeaders({ [name]: value }))).toBe(reason);
  });

  it('refuses a missing key and a key that is not the stream id', () => {
    expect(reasonFor({ ...good, key: null })).toBe('missing key');
    expect(reasonFor({ ...good, key: 'crossing-43' })).toBe('key does not match header "stream-id"');
    expect(reasonFor({ ...good, key: Buffer.from([0xff]) })).toBe('key is not valid UTF-8');
  });

  it('refuses a missing value, a value that is not UTF-8 and a value that is not JSON', () => {
    expect(reasonFor({ ...good, value: null })).toBe('missing value');
    expect(reasonFor({ ...good, value: Buffer.from([0xfe, 0x7b]) })).toBe('value is not valid UTF-8');
    expect(reasonFor({ ...good, value: '{"passport":"AB12' })).toBe('value is not valid JSON');
  });

  it('refuses a record whose content no longer matches its hash', () => {
    const other = encodeEnvelope(sampleEnvelope({ streamId: 'crossing-42' }));
    const tampered = [
      { ...good, value: '{"direction":"exit"}' },
      withHeaders({ revision: '4' }),
      withHeaders({ 'causation-id': 'injected' }),
      { ...good, value: other.value, headers: { ...other.headers, hash: good.headers.hash } },
    ];
    for (const record of tampered) {
      expect(reasonFor(record)).toBe('header "hash" does not match the event (altered or mis-encoded record)');
    }
  });
});
