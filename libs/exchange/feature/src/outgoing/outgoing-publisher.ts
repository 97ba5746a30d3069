import type { Clock } from '@border-ledger/event-store';
import { eventTopic, type RecordPublisher } from '@border-ledger/kafka';
import type { ExchangeKeys } from '../keys/exchange-keys';
import { checkpointMessage, leafMessage } from '../wire/feed-messages';
import type { OutgoingLog } from './outgoing-log';

export interface OutgoingPublisherOptions {
  /** A checkpoint after this many new leaves… */
  readonly checkpointEvery: number;
  /** …or this long after the last one, when leaves are waiting. */
  readonly checkpointIntervalMs: number;
  readonly pollMs: number;
}

/** The Kafka topic of an agreement's feed from this country, e.g. `th.xb-th-kh-immigration.events.v1`. */
export const feedTopic = (country: string, agreementId: string): string => eventTopic(country, `xb-${agreementId}`);

/**
 * Signs checkpoints over each outgoing log and publishes leaves and checkpoints in log order, one
 * Kafka key per log (so one partition keeps the order). Without a link (an edge node offline, or
 * with no broker configured) the logs keep growing and are published once a link exists.
 */
export class OutgoingPublisher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly lastCheckpoint = new Map<string, { size: number; at: number }>();

  constructor(
    private readonly log: OutgoingLog,
    private readonly publisher: RecordPublisher | undefined,
    private readonly country: string,
    private readonly keys: ExchangeKeys,
    private readonly clock: Clock,
    private readonly options: OutgoingPublisherOptions,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  wake(): void {
    if (this.timer) this.schedule(0);
  }

  /** Signs due checkpoints and publishes what is waiting; resolves when done (tests call it). */
  async tick(force = false): Promise<void> {
    if (this.running) return this.running;
    this.running = this.run(force).finally(() => (this.running = null));
    return this.running;
  }

  private async run(force: boolean): Promise<void> {
    const now = this.clock();
    for (const logId of this.log.logsAhead()) {
      const size = this.log.size(logId);
      const last = this.lastCheckpoint.get(logId) ?? { size: this.log.latestCheckpoint(logId)?.treeSize ?? 0, at: 0 };
      if (force || size - last.size >= this.options.checkpointEvery || now.getTime() - last.at >= this.options.checkpointIntervalMs) {
        const checkpoint = this.log.checkpoint(logId, now, this.keys.signing);
        if (checkpoint) this.lastCheckpoint.set(logId, { size: checkpoint.treeSize, at: now.getTime() });
      }
    }
    if (!this.publisher) return;
    for (;;) {
      const items = this.log.unpublished();
      if (items.length === 0) return;
      await this.publisher.publishRecords(
        items.map((item) => ({
          topic: feedTopic(this.country, item.logId.slice(0, item.logId.lastIndexOf('/'))),
          key: item.logId,
          value: item.kind === 'leaf' ? leafMessage(item) : checkpointMessage(item),
        })),
      );
      this.log.markPublished(items);
    }
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.tick()
        .catch(this.onError)
        .finally(() => {
          if (this.timer) this.schedule(this.options.pollMs);
        });
    }, ms);
    this.timer.unref();
  }
}
