import type { EventEnvelope } from '@border-ledger/event-store';

/** Injection token for the {@link EventPublisher} port. */
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');

/**
 * Publishes stored events to the message bus, each to the topic of its country and bounded
 * context, keyed by stream id. Only the relay calls it: nothing is published in a command path.
 */
export interface EventPublisher {
  /**
   * Resolves only when every record is acknowledged by all in-sync replicas. Rejects when the
   * outcome is unknown; the caller retries the same events, which consumers deduplicate by id.
   * Events of one stream keep their order on the bus.
   */
  publish(events: readonly EventEnvelope[]): Promise<void>;
  /** Waits for a publish in flight, then releases the connection. */
  close(): Promise<void>;
}

/** A publish whose outcome is unknown: some, all or none of the records may be on the bus. */
export class PublishFailedError extends Error {
  readonly code = 'PUBLISH_FAILED';
  constructor(
    readonly eventCount: number,
    /** What the client reported. */
    readonly failure: unknown,
  ) {
    const detail = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
    super(`Publishing ${eventCount} event(s) failed: ${detail}`);
    this.name = 'PublishFailedError';
  }
}

/** The publisher was used after `close()`. */
export class PublisherClosedError extends Error {
  readonly code = 'PUBLISHER_CLOSED';
  constructor() {
    super('Event publisher is closed');
    this.name = 'PublisherClosedError';
  }
}
