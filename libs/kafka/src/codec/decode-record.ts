import { hashEvent, type EventEnvelope } from '@border-ledger/event-store';
import { EVENT_HEADERS as H, type RawHeaderValue, type RawRecord } from './record';

/** Outcome of {@link decodeRecord}: the envelope, or the first defect found, in words. */
export type DecodeResult =
  | { readonly ok: true; readonly envelope: EventEnvelope }
  | { readonly ok: false; readonly reason: string };

// Same rules the store enforces on append, so anything the store wrote decodes.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const COUNTRY = /^[A-Z]{2}$/;
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;
const MAX_TYPE_LENGTH = 200;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A defect: thrown inside the decoder to stop at the first one, never escapes it. */
class Defect extends Error {}

type Headers = Readonly<Record<string, RawHeaderValue>>;

function text(value: Buffer | string, what: string): string {
  if (typeof value === 'string') return value;
  try {
    return utf8.decode(value);
  } catch {
    throw new Defect(`${what} is not valid UTF-8`);
  }
}

function optional(headers: Headers, name: string): string | undefined {
  const raw = headers[name];
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' || Buffer.isBuffer(raw)) return text(raw, `header "${name}"`);
  const values = raw as ReadonlyArray<Buffer | string>;
  if (values.length !== 1) throw new Defect(`header "${name}" is repeated`);
  return text(values[0], `header "${name}"`);
}

function required(headers: Headers, name: string): string {
  const value = optional(headers, name);
  if (value === undefined) throw new Defect(`missing header "${name}"`);
  if (value === '') throw new Defect(`header "${name}" is empty`);
  return value;
}

function matching(headers: Headers, name: string, pattern: RegExp, what: string): string {
  const value = required(headers, name);
  if (!pattern.test(value)) throw new Defect(`header "${name}" is not ${what}`);
  return value;
}

function integer(headers: Headers, name: string, min: number): number {
  const value = required(headers, name);
  if (!DECIMAL.test(value)) throw new Defect(`header "${name}" is not a decimal integer`);
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new Defect(`header "${name}" is too large`);
  if (number < min) throw new Defect(`header "${name}" must be at least ${min}`);
  return number;
}

function timestamp(headers: Headers, name: string): string {
  const value = required(headers, name);
  if (Number.isNaN(Date.parse(value))) throw new Defect(`header "${name}" is not a date`);
  return value;
}

function decodeHeaders(headers: Headers): Omit<EventEnvelope, 'data'> {
  const type = required(headers, H.type);
  if (type.length > MAX_TYPE_LENGTH) throw new Defect(`header "${H.type}" is longer than ${MAX_TYPE_LENGTH}`);
  return {
    eventId: matching(headers, H.eventId, UUID, 'a UUID'),
    type,
    schemaVersion: integer(headers, H.schemaVersion, 1),
    streamId: matching(headers, H.streamId, STREAM_ID, 'a valid stream id'),
    revision: integer(headers, H.revision, 0),
    position: integer(headers, H.position, 1),
    occurredAt: timestamp(headers, H.occurredAt),
    recordedAt: timestamp(headers, H.recordedAt),
    metadata: {
      agency: required(headers, H.agency),
      country: matching(headers, H.country, COUNTRY, 'an upper-case ISO 3166-1 alpha-2 code'),
      correlationId: required(headers, H.correlationId),
      causationId: optional(headers, H.causationId) ?? null,
    },
    previousHash: matching(headers, H.previousHash, SHA256_HEX, 'a SHA-256 hex digest'),
    hash: matching(headers, H.hash, SHA256_HEX, 'a SHA-256 hex digest'),
  };
}

function decodeValue(value: RawRecord['value']): unknown {
  if (value === null || value === undefined) throw new Defect('missing value');
  const json = text(value, 'value');
  try {
    return JSON.parse(json) as unknown;
  } catch {
    // The parser's message quotes the input, which may hold personal data: keep it out.
    throw new Defect('value is not valid JSON');
  }
}

/**
 * Validates a record produced by {@link encodeEnvelope} and rebuilds the envelope. Checks, in
 * order: each header (presence, single value, UTF-8, format), key = `stream-id`, the value is
 * JSON, and the `hash` header matches the rebuilt envelope (so a record altered anywhere,
 * or headers from one event paired with another's payload, is refused). Never throws.
 */
export function decodeRecord(record: RawRecord): DecodeResult {
  try {
    const fields = decodeHeaders(record.headers ?? {});
    if (record.key === null || record.key === undefined) throw new Defect('missing key');
    if (text(record.key, 'key') !== fields.streamId) {
      throw new Defect(`key does not match header "${H.streamId}"`);
    }
    const envelope: EventEnvelope = { ...fields, data: decodeValue(record.value) };
    if (hashEvent(envelope) !== envelope.hash) {
      throw new Defect(`header "${H.hash}" does not match the event (altered or mis-encoded record)`);
    }
    return { ok: true, envelope };
  } catch (error) {
    if (error instanceof Defect) return { ok: false, reason: error.message };
    return { ok: false, reason: `undecodable record: ${(error as Error).name}` };
  }
}
