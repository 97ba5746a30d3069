import type { EventEnvelope, GlobalPosition, NewEvent } from './envelope';

/** Injection token for the {@link EventStore} port. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/**
 * What the caller believes the stream's revision is:
 * `'no-stream'` (must not exist), `'any'` (no check), or the exact revision of its last event.
 */
export type ExpectedRevision = 'no-stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event of the batch: the expected revision for the next append. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event of the batch. */
  readonly position: GlobalPosition;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive start revision; defaults to the first (forwards) or last (backwards) event. */
  readonly fromRevision?: number;
  readonly limit?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this position; 0 reads from the beginning. */
  readonly after: GlobalPosition;
  readonly limit: number;
}

export type VerifyResult =
  | { readonly ok: true; readonly checked: number; readonly lastHash: string }
  | { readonly ok: false; readonly checked: number; readonly position: GlobalPosition; readonly reason: string };

export interface SubscribeToAllOptions {
  /** Checkpoint: the position of the last event already handled (0 for none). */
  readonly after: GlobalPosition;
  /** Called with batches in log order; the next batch is read only after it resolves. */
  readonly onBatch: (events: readonly EventEnvelope[]) => Promise<void>;
  readonly batchSize?: number;
  /** Called when `onBatch` throws; the subscription stops. Without it the error is rethrown from `done`. */
  readonly onError?: (error: unknown) => void;
}

/** A running catch-up subscription. */
export interface Subscription {
  /** Position of the last event handed to `onBatch` successfully. */
  readonly position: () => GlobalPosition;
  /** Stops after the batch in hand; resolves when stopped. */
  stop(): Promise<void>;
  /** Settles when the subscription ends (stopped, or failed). */
  readonly done: Promise<void>;
}

/**
 * The event store port: the single source of truth. Adapters: SQLite (edge node) and
 * EventStoreDB (distributed). Both must pass the contract suite in `@border-ledger/event-store/testing`.
 */
export interface EventStore {
  /**
   * Appends atomically. Throws {@link WrongExpectedRevisionError} on a concurrency conflict.
   * Re-appending a batch whose event ids the stream already holds returns the original result.
   */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<EventEnvelope[]>;
  /** Current revision of a stream, or null if it does not exist. */
  streamRevision(streamId: string): Promise<number | null>;
  readAll(options: ReadAllOptions): Promise<EventEnvelope[]>;
  /** Position of the newest event in the log (0 when empty). */
  headPosition(): Promise<GlobalPosition>;
  /** Catch-up subscription on the global log that turns live without gaps or repeats. */
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  /** Walks the hash chain from the start and reports the first broken position. */
  verify(): Promise<VerifyResult>;
  /** Readiness probe: throws when the store cannot serve. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
