import { create } from '@bufbuild/protobuf';
import { TimestampSchema } from '@bufbuild/protobuf/wkt';
import type { Timestamp } from '@bufbuild/protobuf/wkt';

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range google.protobuf.Timestamp allows. */
const MIN_SECONDS = -62_135_596_800n;
const MAX_SECONDS = 253_402_300_799n;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Converts an RFC 3339 / ISO 8601 instant (`2026-11-23T19:35:00.123Z`, or with a `+07:00` offset)
 * to a `google.protobuf.Timestamp`, keeping up to nanosecond precision (a `Date` would keep only
 * milliseconds).
 *
 * @throws RangeError when `iso` is not a full date-time with seconds and an offset, names a
 *   non-existent date or time, or lies outside years 0001–9999.
 */
export function timestampFromIso(iso: string): Timestamp {
  const match = RFC3339.exec(iso);
  if (!match) throw new RangeError(`not an RFC 3339 date-time: ${JSON.stringify(iso)}`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const exists =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  if (!exists) throw new RangeError(`no such date-time: ${JSON.stringify(iso)}`);
  let offsetSeconds = 0;
  if (match[9] !== undefined) {
    const offsetHours = Number(match[10]);
    const offsetMinutes = Number(match[11]);
    if (offsetHours > 23 || offsetMinutes > 59) throw new RangeError(`no such offset: ${JSON.stringify(iso)}`);
    offsetSeconds = (match[9] === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const seconds = BigInt(date.getTime() / 1000 - offsetSeconds);
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw new RangeError(`outside years 0001-9999: ${JSON.stringify(iso)}`);
  const nanos = Number((match[7] ?? '').padEnd(9, '0'));
  return create(TimestampSchema, { seconds, nanos });
}

/**
 * Converts a `google.protobuf.Timestamp` to an ISO 8601 instant in UTC. Whole milliseconds give
 * exactly `Date.prototype.toISOString()`'s form (`2026-11-23T12:35:00.000Z`); finer precision
 * gives 6 or 9 fraction digits, so `isoFromTimestamp(timestampFromIso(s))` preserves the instant.
 *
 * @throws RangeError when the timestamp is invalid: seconds outside years 0001–9999 or nanos
 *   outside 0–999 999 999 (possible in bytes from another agency; check before converting).
 */
export function isoFromTimestamp(timestamp: Timestamp): string {
  const { seconds, nanos } = timestamp;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw new RangeError(`timestamp seconds out of range: ${seconds}`);
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) throw new RangeError(`timestamp nanos out of range: ${nanos}`);
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const fraction = String(nanos).padStart(9, '0');
  const digits = nanos % 1_000_000 === 0 ? 3 : nanos % 1_000 === 0 ? 6 : 9;
  return `${whole}.${fraction.slice(0, digits)}Z`;
}
