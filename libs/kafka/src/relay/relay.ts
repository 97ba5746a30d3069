import type {
  CheckpointStore,
  EventEnvelope,
  EventStore,
  GlobalPosition,
  Subscription,
} from '@border-ledger/event-store';
import type { EventPublisher } from '../ports/event-publisher.port';
import type { KafkaLogEntry, KafkaLogSink } from '../ports/logger.port';
import { backoffDelay, sleep } from './backoff';

/** Options of a {@link Relay}. */
export interface RelayOptions {
  /** Identifies the relay; its checkpoint is saved as `relay:<name>`. */
  readonly name: string;
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly publisher: EventPublisher;
  /** Events read, published and checkpointed together. Default 256. */
  readonly batchSize?: number;
  /** First delay before retrying a failed publish. Default 500 ms. */
  readonly retryDelayMs?: number;
  /** Cap of the doubling retry delay. Default 10 000 ms. */
  readonly maxRetryDelayMs?: number;
  /** Events in the store not yet published (head position − checkpoint), after each batch and each failed attempt. */
  readonly onLag?: (lag: number) => void;
  /** Events published in the batch just checkpointed (called after `onLag`). */
  readonly onPublished?: (count: number) => void;
  /** Called if the store subscription fails for good; the relay has then stopped. */
  readonly onError?: (error: unknown) => void;
  readonly logger?: KafkaLogSink;
}

/**
 * Follows the store's global log from a saved checkpoint and publishes it: the outbox relay.
 * Each batch is published (retried with capped exponential backoff while the bus is down),
 * then its last position is saved as the checkpoint. A crash between the two republishes the
 * batch, which consumers deduplicate by event id: at-least-once delivery, exactly-once effect.
 * Only the batch in hand is held; the subscription reads the next one when this one is done.
 */
export class Relay {
  private readonly checkpointName: string;
  private subscription: Subscription | null = null;
  private stopping = new AbortController();
  private saved: GlobalPosition = 0;
  private lastLag = 0;

  constructor(private readonly options: RelayOptions) {
    if (!options.name) throw new Error('A relay needs a name');
    this.checkpointName = `relay:${options.name}`;
  }

  /** Loads the checkpoint and starts following the log after it. */
  async start(): Promise<void> {
    if (this.subscription) throw new Error(`Relay ${this.options.name} is already running`);
    const stopping = new AbortController();
    this.stopping = stopping;
    this.saved = await this.options.checkpoints.load(this.checkpointName);
    await this.reportLag();
    this.subscription = this.options.store.subscribeToAll({
      after: this.saved,
      batchSize: this.options.batchSize ?? 256,
      onBatch: (events) => this.relay(events, stopping.signal),
      onError: (error) => this.fail(error),
    });
  }

  /**
   * Lets the publish in flight finish and its checkpoint be saved, then stops. A batch waiting
   * for a retry is given up: it is published again after the next start.
   */
  async stop(): Promise<void> {
    const subscription = this.subscription;
    if (!subscription) return;
    this.stopping.abort();
    await subscription.stop();
    this.subscription = null;
  }

  /** Events not yet published, as computed after the last batch or failed attempt (or at start). */
  lag(): number {
    return this.lastLag;
  }

  /** The last saved checkpoint: position of the last event known to be published. */
  position(): GlobalPosition {
    return this.saved;
  }

  private async relay(events: readonly EventEnvelope[], signal: AbortSignal): Promise<void> {
    const last = events[events.length - 1].position;
    const range = { from: events[0].position, to: last };
    if (!(await this.retrying('publish', () => this.options.publisher.publish(events), signal, range))) return;
    const save = (): Promise<void> => this.options.checkpoints.save(this.checkpointName, last);
    if (!(await this.retrying('save checkpoint', save, signal, range))) return;
    this.saved = last;
    await this.reportLag();
    this.options.onPublished?.(events.length);
  }

  /** Runs `step` until it succeeds; false when stopping cut the retries short. */
  private async retrying(
    step: string,
    action: () => Promise<void>,
    signal: AbortSignal,
    range: { from: GlobalPosition; to: GlobalPosition },
  ): Promise<boolean> {
    const base = this.options.retryDelayMs ?? 500;
    const cap = this.options.maxRetryDelayMs ?? 10_000;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await action();
        return true;
      } catch (error) {
        const failure = { step, attempt, ...range, error: describe(error) };
        if (signal.aborted) {
          this.log('warn', `${step} failed while stopping; the batch will be published again`, failure);
          return false;
        }
        const retryInMs = backoffDelay(attempt, base, cap);
        this.log('warn', `${step} failed; retrying`, { ...failure, retryInMs });
        // The log keeps growing while the bus is down: keep the exported lag current.
        await this.reportLag();
        await sleep(retryInMs, signal);
        if (signal.aborted) return false;
      }
    }
  }

  private async reportLag(): Promise<void> {
    try {
      this.lastLag = Math.max(0, (await this.options.store.headPosition()) - this.saved);
      this.options.onLag?.(this.lastLag);
    } catch (error) {
      this.log('warn', 'could not compute the lag', { error: describe(error) });
    }
  }

  private fail(error: unknown): void {
    this.subscription = null;
    this.log('error', 'relay stopped: the store subscription failed', { error: describe(error) });
    this.options.onError?.(error);
  }

  private log(level: KafkaLogEntry['level'], msg: string, fields: Record<string, string | number>): void {
    this.options.logger?.({ level, namespace: 'relay', msg, relay: this.options.name, ...fields });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
