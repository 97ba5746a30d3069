import type { ApplyEvent, EventFeed, SqliteInbox } from '@border-ledger/event-store';
import type { MetricsService } from '@border-ledger/platform';
import type { ConsumerFactory, ConsumerOptions, EventConsumer } from '../ports/event-consumer.port';
import type { TopicAdmin } from '../ports/topic-admin.port';
import { withDeadLetterTopics } from '../topics/topic-names';

/** How many times a start that failed on a retriable error is tried (about 30 s in all). */
const START_ATTEMPTS = 10;

export interface KafkaFeedOptions {
  readonly groupId: string;
  readonly topics: string[];
  /** A decoder other than the event codec (see `ConsumerOptions.decode`). */
  readonly decode?: ConsumerOptions['decode'];
}

/** Consumes topics; the consumer deduplicates by event id through the fed database's inbox. */
export class KafkaFeed implements EventFeed {
  private consumer: EventConsumer | null = null;

  constructor(
    private readonly factory: ConsumerFactory,
    private readonly topics: TopicAdmin,
    private readonly options: KafkaFeedOptions,
    private readonly inbox: SqliteInbox,
    private readonly apply: ApplyEvent,
    private readonly metrics: MetricsService,
    /** Told after each batch is applied (process managers start their work then). */
    private readonly onApplied: () => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    // On a cluster that is itself starting (or creating the topics for another service at the same
    // moment) the first subscription can meet a topic the broker does not serve yet: retriable, so
    // retried for a while rather than failing the service's start.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.startOnce();
        return;
      } catch (error) {
        await this.consumer?.stop().catch(() => undefined);
        this.consumer = null;
        if (!(error as { retriable?: boolean }).retriable || attempt >= START_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
      }
    }
  }

  private async startOnce(): Promise<void> {
    const group = this.options.groupId;
    // A consumer may start before anything was published: the topics must exist to subscribe.
    await this.topics.ensureTopics(withDeadLetterTopics(this.options.topics));
    this.consumer = this.factory.create({
      groupId: group,
      topics: this.options.topics,
      fromBeginning: true,
      inbox: this.inbox,
      apply: this.apply,
      decode: this.options.decode,
      onProcessed: ({ applied, duplicates, deadLettered }) => {
        if (applied) this.metrics.consumerProcessedTotal.inc({ group, outcome: 'applied' }, applied);
        if (duplicates) this.metrics.consumerProcessedTotal.inc({ group, outcome: 'duplicate' }, duplicates);
        if (deadLettered) this.metrics.consumerProcessedTotal.inc({ group, outcome: 'dead-lettered' }, deadLettered);
        if (applied) this.onApplied();
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
