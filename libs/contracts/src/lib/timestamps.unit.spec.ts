import { create } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { TimestampSchema, isoFromTimestamp, timestampDate, timestampFromDate, timestampFromIso } from '../index';

describe('timestamps: ISO 8601 strings and google.protobuf.Timestamp', () => {
  it('converts a UTC instant both ways', () => {
    const ts = timestampFromIso('2026-11-23T19:35:00.123Z');
    expect(ts.seconds).toBe(BigInt(Date.parse('2026-11-23T19:35:00Z') / 1000));
    expect(ts.nanos).toBe(123_000_000);
    expect(isoFromTimestamp(ts)).toBe('2026-11-23T19:35:00.123Z');
  });

  it("gives back Date.prototype.toISOString()'s form for any instant a Timestamp can hold", () => {
    const dates = fc.date({ min: new Date('0001-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
    fc.assert(
      fc.property(dates, (date) => {
        const ts = timestampFromIso(date.toISOString());
        expect(ts).toEqual(timestampFromDate(date));
        expect(isoFromTimestamp(ts)).toBe(date.toISOString());
        expect(timestampDate(ts)).toEqual(date);
      }),
      { numRuns: 1_000 },
    );
  });

  it('keeps sub-millisecond precision that a Date would drop', () => {
    expect(timestampFromIso('2026-11-23T19:35:00.123456789Z').nanos).toBe(123_456_789);
    expect(isoFromTimestamp(timestampFromIso('2026-11-23T19:35:00.123456789Z'))).toBe('2026-11-23T19:35:00.123456789Z');
    expect(isoFromTimestamp(timestampFromIso('2026-11-23T19:35:00.000001Z'))).toBe('2026-11-23T19:35:00.000001Z');
    expect(isoFromTimestamp(timestampFromIso('2026-11-23T19:35:00.5Z'))).toBe('2026-11-23T19:35:00.500Z');
    expect(isoFromTimestamp(timestampFromIso('2026-11-23T19:35:00Z'))).toBe('2026-11-23T19:35:00.000Z');
  });

  it('applies offsets (local times at the border) and answers in UTC', () => {
    expect(timestampFromIso('2026-11-24T02:35:00+07:00')).toEqual(timestampFromIso('2026-11-23T19:35:00Z'));
    expect(timestampFromIso('2026-11-23T14:05:00-05:30')).toEqual(timestampFromIso('2026-11-23T19:35:00Z'));
    expect(isoFromTimestamp(timestampFromIso('2026-11-24t02:35:00.25+07:00'))).toBe('2026-11-23T19:35:00.250Z');
  });

  it('rejects what is not a full, existing instant within years 0001-9999', () => {
    for (const bad of [
      '',
      'garbage',
      '2026-11-23',
      '2026-11-23T19:35Z',
      '2026-11-23T19:35:00',
      '2026-11-23 19:35:00Z',
      '2026-02-30T00:00:00Z',
      '2026-11-23T24:00:00Z',
      '2026-12-31T23:59:60Z',
      '2026-11-23T19:35:00.1234567890Z',
      '2026-11-23T19:35:00+24:00',
      '0000-12-31T23:59:59Z',
      '0001-01-01T00:00:00+00:01',
      '+010000-01-01T00:00:00Z',
    ]) {
      expect(() => timestampFromIso(bad)).toThrow(RangeError);
    }
    expect(timestampFromIso('0001-01-01T00:00:00Z').seconds).toBe(-62_135_596_800n);
    expect(timestampFromIso('9999-12-31T23:59:59.999999999Z').seconds).toBe(253_402_300_799n);
  });

  it('refuses to format an invalid Timestamp (as another agency could send)', () => {
    expect(() => isoFromTimestamp(create(TimestampSchema, { seconds: 253_402_300_800n }))).toThrow(RangeError);
    expect(() => isoFromTimestamp(create(TimestampSchema, { seconds: -62_135_596_801n }))).toThrow(RangeError);
    expect(() => isoFromTimestamp(create(TimestampSchema, { nanos: -1 }))).toThrow(RangeError);
    expect(() => isoFromTimestamp(create(TimestampSchema, { nanos: 1_000_000_000 }))).toThrow(RangeError);
    expect(isoFromTimestamp(create(TimestampSchema, {}))).toBe('1970-01-01T00:00:00.000Z');
  });
});
