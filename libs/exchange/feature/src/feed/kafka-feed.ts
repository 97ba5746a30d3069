import type { SqliteInbox } from '@border-ledger/event-store';
import { withDeadLetterTopics, type ConsumerFactory, type EventConsumer, type TopicAdmin } from '@border-ledger/kafka';
import type { MetricsService } from '@border-ledger/platform';
import type { ApplyEvent, ExchangeFeed } from './exchange-feed';

export interface KafkaFeedOptions {
  readonly groupId: string;
  readonly topics: string[];
}

/** Consumes shared topics; the consumer deduplicates by event id through the read model's inbox. */
export class KafkaFeed implements ExchangeFeed {
  private consumer: EventConsumer | null = null;

  constructor(
    private readonly factory: ConsumerFactory,
    private readonly topics: TopicAdmin,
    private readonly options: KafkaFeedOptions,
    private readonly inbox: SqliteInbox,
    private readonly apply: ApplyEvent,
    private readonly metrics: MetricsService,
  ) {}

  async start(): Promise<void> {
    const group = this.options.groupId;
    // A consumer may start before anything was published: the topics must exist to subscribe.
    await this.topics.ensureTopics(withDeadLetterTopics(this.options.topics));
    this.consumer = this.factory.create({
      groupId: group,
      topics: this.options.topics,
      fromBeginning: true,
      inbox: this.inbox,
      apply: this.apply,
      onProcessed: ({ applied, duplicates, deadLettered }) => {
        if (applied) this.metrics.consumerProcessedTotal.inc({ group, outcome: 'applied' }, applied);
        if (duplicates) this.metrics.consumerProcessedTotal.inc({ group, outcome: 'duplicate' }, duplicates);
        if (deadLettered) this.metrics.consumerProcessedTotal.inc({ group, outcome: 'dead-lettered' }, deadLettered);
      },
      onLag: (topic, partition, lag) => this.metrics.setConsumerLag(group, topic, partition, lag),
    });
    await this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = null;
  }
}
