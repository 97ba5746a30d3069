import type { Clock, NodeIdentity, SqliteDatabase, WorkItem } from '@border-ledger/event-store';
import { PermanentWorkError, SqliteWorkQueue, WorkRunner } from '@border-ledger/event-store';
import { REFERRAL_RECORD, type ReferralStepReceivedData } from '@border-ledger/exchange-domain';
import type { TravellerKeyVault } from '@border-ledger/identity';
import { withDeadLetterTopics, type ConsumerFactory, type RecordPublisher, type TopicAdmin } from '@border-ledger/kafka';
import type { JsonLogger, MetricsService } from '@border-ledger/platform';
import type { EventStore } from '@border-ledger/event-store';
import { AgreementsStore } from '../agreement/agreements.store';
import { incomingDecoder } from '../incoming/incoming-decoder';
import { IncomingTarget } from '../incoming/incoming.target';
import { IntegrityMonitor } from '../integrity/integrity-monitor';
import type { ExchangeKeys } from '../keys/exchange-keys';
import { MatchingService } from '../matching/matching.service';
import { OutgoingLog } from '../outgoing/outgoing-log';
import { OutgoingPublisher } from '../outgoing/outgoing-publisher';
import { OutgoingSharer } from '../outgoing/outgoing-sharer';
import { OwnEventsTarget } from '../outgoing/own-events.target';
import { ShareContext } from '../outgoing/share-context';
import { CrossBorderReferrals, REFERRAL_STEP_WORK } from '../referrals/cross-border-referrals';
import { SharedRecordsStore } from '../shared-records/shared-records.store';
import { IncomingFeeds } from './incoming-feeds';

/** Tuning of the exchange, with defaults for production. */
export interface ExchangeTuning {
  /** How long after a flagged exit its entry may take before the alert (default 6 h). */
  readonly matchWaitMs?: number;
  readonly checkpointEvery?: number;
  readonly checkpointIntervalMs?: number;
  readonly pollMs?: number;
}

/** The Kafka ports the exchange uses when linked to partners. */
export interface ExchangeLink {
  readonly publisher: RecordPublisher;
  readonly consumers: ConsumerFactory;
  readonly admin: TopicAdmin;
}

/**
 * Every moving part of the exchange, wired once: agreements, the outgoing logs and their sharer
 * and publisher, the incoming feeds with their verifiers, matching and cross-border referrals.
 */
export class ExchangeRuntime {
  readonly agreements: AgreementsStore;
  readonly context: ShareContext;
  readonly log: OutgoingLog;
  readonly records: SharedRecordsStore;
  readonly integrity: IntegrityMonitor;
  readonly matching: MatchingService;
  readonly queue: SqliteWorkQueue;
  readonly referrals: CrossBorderReferrals;
  readonly own: OwnEventsTarget;
  readonly incoming: IncomingTarget;
  readonly runner: WorkRunner;
  readonly publisher: OutgoingPublisher;
  readonly incomingFeeds: IncomingFeeds | undefined;
  private timer: NodeJS.Timeout | null = null;
  private purgedAt = 0;

  constructor(
    readonly db: SqliteDatabase,
    readonly keys: ExchangeKeys,
    readonly node: NodeIdentity,
    private readonly clock: Clock,
    store: EventStore,
    vault: TravellerKeyVault | undefined,
    link: ExchangeLink | undefined,
    metrics: MetricsService,
    private readonly logger: JsonLogger,
    tuning: ExchangeTuning = {},
  ) {
    this.agreements = new AgreementsStore(db);
    this.context = new ShareContext(db);
    this.log = new OutgoingLog(db);
    this.records = new SharedRecordsStore(db);
    this.integrity = new IntegrityMonitor(db, keys.trusted, clock, node.agency);
    this.matching = new MatchingService(db, this.records, tuning.matchWaitMs ?? 6 * 3600_000);
    this.queue = new SqliteWorkQueue(db, 'exchange');
    this.referrals = new CrossBorderReferrals(db, this.records, this.queue, store, node, clock);
    const sharer = new OutgoingSharer(node, keys, this.agreements, this.context, this.log, vault, clock, (logId, record, partnerCountry, source) => {
      this.records.put('outgoing', logId, record, partnerCountry);
      this.matching.observe(record);
      const referralId = (source?.data as { referralId?: unknown } | undefined)?.referralId;
      if (record.recordType === REFERRAL_RECORD && typeof referralId === 'string') this.referrals.remember(record.agreementId, record.payload.referralRef, referralId);
      this.publisher.wake();
    }, (agreementId) => this.warn(`no secret for agreement ${agreementId}: nothing is shared under it`));
    this.runner = new WorkRunner(this.queue, (item) => this.work(sharer, item), clock, {
      pollMs: tuning.pollMs ?? 1000,
      onError: (item, error, parked) => this.warn(`exchange work ${item.kind} ${parked ? 'parked' : 'failed'}: ${(error as Error).message}`),
    });
    this.own = new OwnEventsTarget(db, this.agreements, this.context, this.queue, () => this.runner);
    this.incoming = new IncomingTarget(db, this.integrity, this.records, this.matching, (data) => this.referrals.received(data), node.country);
    this.publisher = new OutgoingPublisher(this.log, link ? ensuring(link) : undefined, node.country, keys, clock, {
      checkpointEvery: tuning.checkpointEvery ?? 32,
      checkpointIntervalMs: tuning.checkpointIntervalMs ?? 5000,
      pollMs: tuning.pollMs ?? 250,
    }, (error) => this.warn(`publishing the exchange feeds failed, retrying: ${(error as Error).message}`));
    this.incomingFeeds = link
      ? new IncomingFeeds(node, this.agreements, link.consumers, link.admin, metrics, this.incoming, incomingDecoder(node, keys.trusted, this.agreements), () => this.runner.wake(), (error) => this.warn(`following partners' feeds failed, retrying: ${(error as Error).message}`))
      : undefined;
  }

  /** The node's clock (injectable in tests). */
  now(): Date {
    return this.clock();
  }

  start(): void {
    this.runner.start();
    this.publisher.start();
    void this.tick();
    this.timer = setInterval(() => void this.tick(), 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.incomingFeeds?.stop();
    await this.runner.stop();
    await this.publisher.stop();
  }

  /** Periodic duties: matching alerts, retention, and following agreements' partner topics. */
  async tick(): Promise<void> {
    try {
      this.matching.check(this.clock());
      // Retention is in days: a scan of the read model a minute is plenty, not one a second.
      if (this.clock().getTime() - this.purgedAt >= 60_000) {
        this.purgeExpired();
        this.purgedAt = this.clock().getTime();
      }
      await this.incomingFeeds?.refresh();
    } catch (error) {
      this.warn(`exchange tick failed: ${(error as Error).message}`);
    }
  }

  /** Received records older than their agreement's retention are deleted (hashes stay in the verifier). */
  purgeExpired(): number {
    const now = this.clock().getTime();
    let purged = 0;
    for (const row of this.agreements.all()) {
      if (row.state.status === 'none') continue;
      const { retentionDays } = row.state.versions[row.state.versions.length - 1].terms;
      purged += this.records.purgeIncoming(row.agreementId, new Date(now - retentionDays * 86_400_000).toISOString());
    }
    return purged;
  }

  private async work(sharer: OutgoingSharer, item: WorkItem): Promise<void> {
    if (item.kind === 'share') return sharer.share(item);
    if (item.kind === REFERRAL_STEP_WORK) return this.referrals.recordStep(item.payload as ReferralStepReceivedData, item.id);
    throw new PermanentWorkError(`unknown exchange work ${item.kind}`);
  }

  private warn(message: string): void {
    this.logger.warn(message, undefined, 'Exchange');
  }
}

/** Creates an agreement topic (and its dead-letter topic) before the first record goes to it. */
function ensuring(link: ExchangeLink): RecordPublisher {
  const ready = new Set<string>();
  return {
    publishRecords: async (records) => {
      const missing = [...new Set(records.map((r) => r.topic))].filter((topic) => !ready.has(topic));
      if (missing.length > 0) {
        await link.admin.ensureTopics(withDeadLetterTopics(missing));
        missing.forEach((topic) => ready.add(topic));
      }
      await link.publisher.publishRecords(records);
    },
  };
}
