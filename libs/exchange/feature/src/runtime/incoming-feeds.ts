import type { NodeIdentity } from '@border-ledger/event-store';
import { KafkaFeed, type ConsumerFactory, type TopicAdmin } from '@border-ledger/kafka';
import type { MetricsService } from '@border-ledger/platform';
import type { AgreementsStore } from '../agreement/agreements.store';
import type { IncomingTarget } from '../incoming/incoming.target';
import { feedTopic } from '../outgoing/outgoing-publisher';
import type { RawRecord, DecodeResult } from '@border-ledger/kafka';

/**
 * Consumes the partners' feed topics of every agreement this agency is a party of. Agreements
 * are data recorded at run time, so the subscription follows them: when the set of topics
 * changes, the consumer is restarted on the new set (same group: committed offsets are kept).
 */
export class IncomingFeeds {
  private feed: KafkaFeed | null = null;
  private topics = '';
  private switching: Promise<void> = Promise.resolve();

  constructor(
    private readonly node: NodeIdentity,
    private readonly agreements: AgreementsStore,
    private readonly factory: ConsumerFactory,
    private readonly admin: TopicAdmin,
    private readonly metrics: MetricsService,
    private readonly target: IncomingTarget,
    private readonly decode: (raw: RawRecord) => DecodeResult,
    private readonly onApplied: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Follows the current agreements (call at start and whenever agreements may have changed). */
  refresh(): Promise<void> {
    this.switching = this.switching.then(() => this.follow()).catch((error: unknown) => {
      // Tried again at the next refresh: the topic set is only recorded once the consumer runs.
      this.topics = '';
      this.onError(error);
    });
    return this.switching;
  }

  async stop(): Promise<void> {
    await this.switching;
    await this.feed?.stop();
    this.feed = null;
  }

  /** Topics followed now (for health and tests). */
  get following(): string[] {
    return this.topics === '' ? [] : this.topics.split(',');
  }

  private async follow(): Promise<void> {
    const topics = [...new Set(this.agreements.partiesOf(this.node.agency).map(({ agreementId, partner }) => feedTopic(partner.country, agreementId)))].sort();
    if (topics.join(',') === this.topics) return;
    await this.feed?.stop();
    this.feed = null;
    this.topics = '';
    if (topics.length === 0) return;
    const feed = new KafkaFeed(
      this.factory,
      this.admin,
      { groupId: `${this.node.agency.toLowerCase()}-exchange-incoming`, topics, decode: this.decode },
      this.target.inbox,
      this.target.apply,
      this.metrics,
      this.onApplied,
    );
    await feed.start();
    this.feed = feed;
    this.topics = topics.join(',');
  }
}
