/** Header names of an event record; every envelope field except `data` travels as one. */
export const EVENT_HEADERS = {
  eventId: 'event-id',
  type: 'event-type',
  schemaVersion: 'schema-version',
  streamId: 'stream-id',
  revision: 'revision',
  position: 'position',
  occurredAt: 'occurred-at',
  recordedAt: 'recorded-at',
  agency: 'agency',
  country: 'country',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  previousHash: 'previous-hash',
  hash: 'hash',
} as const;

/** A record as this library produces it: UTF-8 strings only. */
export interface EncodedRecord {
  /** The stream id, so all events of a stream land on one partition, in order. */
  readonly key: string;
  /** Canonical JSON of the event's `data`. */
  readonly value: string;
  readonly headers: Record<string, string>;
}

/** A header value as a client hands it over: bytes or text, possibly repeated. */
export type RawHeaderValue = Buffer | string | ReadonlyArray<Buffer | string> | undefined;

/** A record as it comes off the wire, before any validation. */
export interface RawRecord {
  readonly key: Buffer | string | null | undefined;
  readonly value: Buffer | string | null | undefined;
  readonly headers: Readonly<Record<string, RawHeaderValue>> | undefined;
}
