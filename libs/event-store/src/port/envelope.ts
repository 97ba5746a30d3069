/**
 * Where an event sits: its stream revision (0-based, per stream) and its position in the node's
 * global log (1-based, gap-free on the SQLite store; monotonic on EventStoreDB).
 */
export type GlobalPosition = number;

/** Metadata every event carries outside its payload. */
export interface EventMetadata {
  /** Agency that recorded the event, e.g. `TH-IMM`. */
  readonly agency: string;
  /** ISO 3166-1 alpha-2 country of the recording node. */
  readonly country: string;
  readonly correlationId: string;
  /** Id of the command or event that caused this one; null for a root command. */
  readonly causationId: string | null;
}

/** An event as a command handler hands it to the store. */
export interface NewEvent<T extends string = string, D = unknown> {
  /** UUID chosen by the caller: retrying with the same id is idempotent. */
  readonly eventId: string;
  /** Stable, versioned type name, e.g. `points-of-entry.crossing-recorded.v1`. */
  readonly type: T;
  readonly schemaVersion: number;
  readonly data: D;
  /** When it happened in the world (ISO 8601), as stated by the officer or device. */
  readonly occurredAt: string;
  readonly metadata: EventMetadata;
}

/** A stored event: the payload plus its full envelope. */
export interface EventEnvelope<T extends string = string, D = unknown> extends NewEvent<T, D> {
  readonly streamId: string;
  readonly revision: number;
  readonly position: GlobalPosition;
  /** When the store committed it (ISO 8601), from the store's clock. */
  readonly recordedAt: string;
  /** SHA-256 (hex) of the previous event in the node's log; 64 zeros for the first. */
  readonly previousHash: string;
  /** SHA-256 (hex) over the canonical encoding of this envelope and `previousHash`. */
  readonly hash: string;
}

/** The hash of nothing: what the first event of a log chains to. */
export const GENESIS_HASH = '0'.repeat(64);
