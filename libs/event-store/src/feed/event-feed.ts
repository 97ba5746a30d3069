import type { EventEnvelope } from '../port/envelope';

/** Applies one event to a read model or a process manager's table, synchronously, in the inbox's transaction. */
export type ApplyEvent = (event: EventEnvelope) => void;

/**
 * Where a read model or process manager gets its events: the local store's log (edge node, no
 * broker) or Kafka topics (distributed). Either way each event is applied once, deduplicated by
 * event id through an inbox kept in the same SQLite file as what it feeds.
 */
export interface EventFeed {
  start(): Promise<void>;
  stop(): Promise<void>;
}
