import type { EventEnvelope } from '@border-ledger/event-store';

/** Injection token for the {@link ExchangeFeed}. */
export const EXCHANGE_FEED = Symbol('EXCHANGE_FEED');

/** Injection token for the exchange read-model's event handler (`apply` one event, exactly once). */
export const EXCHANGE_APPLY = Symbol('EXCHANGE_APPLY');
export type ApplyEvent = (event: EventEnvelope) => void;

/**
 * Where the exchange read model gets its events: the local store's log (edge node, no broker)
 * or Kafka topics (distributed). Either way each event is applied once, deduplicated by event id.
 */
export interface ExchangeFeed {
  start(): Promise<void>;
  stop(): Promise<void>;
}
