import type { ExpectedRevision } from './event-store.port';

/** Optimistic concurrency failure: the stream is not at the revision the command was decided on. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expectedRevision: ExpectedRevision,
    /** The stream's revision now, or `null` when the stream does not exist. */
    readonly currentRevision: number | null,
  ) {
    super(
      `Stream ${streamId}: expected revision ${String(expectedRevision)}, current ${
        currentRevision === null ? 'no-stream' : currentRevision
      }`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An event id already used by another stream, or a retried batch that only partly matches. */
export class DuplicateEventIdError extends Error {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(
    readonly eventId: string,
    detail: string,
  ) {
    super(`Event id ${eventId}: ${detail}`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The input to the store is malformed (empty batch, bad stream id, non-JSON payload). */
export class InvalidAppendError extends Error {
  readonly code = 'INVALID_APPEND';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/** The store was used after `close()`. */
export class EventStoreClosedError extends Error {
  readonly code = 'EVENT_STORE_CLOSED';
  constructor() {
    super('Event store is closed');
    this.name = 'EventStoreClosedError';
  }
}
