import type { Provider, Type } from '@nestjs/common';
import {
  EVENT_STORE,
  SqliteCheckpointStore,
  StoreFeed,
  type ApplyEvent,
  type EventStore,
  type SqliteDatabase,
  type SqliteInbox,
} from '@border-ledger/event-store';
import { JsonLogger, MetricsService } from '@border-ledger/platform';
import { KafkaFeed } from '../consumer/kafka-feed';
import { CONSUMER_FACTORY, type ConsumerFactory } from '../ports/event-consumer.port';
import { TOPIC_ADMIN, type TopicAdmin } from '../ports/topic-admin.port';

/** Where a feature's events come from: the node's own log (edge node) or Kafka topics (distributed). */
export type FeedSource =
  | { readonly kind: 'store' }
  | { readonly kind: 'kafka'; readonly groupId: string; readonly topics: string[] };

/** What a feed feeds: the database holding its inbox and checkpoint, and the effect of one event. */
export interface FeedTarget {
  readonly db: SqliteDatabase;
  readonly inbox: SqliteInbox;
  readonly apply: ApplyEvent;
  /** Called after each applied batch (a process manager wakes its work runner). */
  onApplied?(): void;
}

/**
 * A provider of an {@link EventFeed} for `target` (a provider token resolving to a {@link FeedTarget}).
 * The Kafka variant needs `KafkaModule` in the composition; the store variant the event store.
 */
export function eventFeedProvider(spec: {
  readonly provide: symbol;
  readonly source: FeedSource;
  /** Checkpoint name for the store variant, unique in the target's database. */
  readonly checkpointName: string;
  readonly target: symbol | Type<FeedTarget>;
}): Provider {
  const { source } = spec;
  if (source.kind === 'kafka') {
    return {
      provide: spec.provide,
      inject: [CONSUMER_FACTORY, TOPIC_ADMIN, MetricsService, spec.target],
      useFactory: (factory: ConsumerFactory, topics: TopicAdmin, metrics: MetricsService, target: FeedTarget) =>
        new KafkaFeed(factory, topics, { groupId: source.groupId, topics: source.topics }, target.inbox, target.apply, metrics, () =>
          target.onApplied?.(),
        ),
    };
  }
  return {
    provide: spec.provide,
    inject: [EVENT_STORE, JsonLogger, spec.target],
    useFactory: (store: EventStore, logger: JsonLogger, target: FeedTarget) =>
      new StoreFeed(
        store,
        new SqliteCheckpointStore(target.db),
        spec.checkpointName,
        target.inbox,
        target.apply,
        (error) => logger.error(`${spec.checkpointName} feed stopped: ${(error as Error).message}`, undefined, 'EventFeed'),
        () => target.onApplied?.(),
      ),
  };
}
