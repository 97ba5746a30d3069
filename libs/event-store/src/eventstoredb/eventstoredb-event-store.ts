import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import type { EventEnvelope, GlobalPosition, NewEvent } from '../port/envelope';
import { EventStoreClosedError } from '../port/errors';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
  Subscription,
  VerifyResult,
} from '../port/event-store.port';
import { validateAppend } from '../port/validate-append';
import { ChainWriter } from './chain-writer';
import { fromRecorded, isSystemEvent } from './esdb-envelope';
import { readAllBackwards, readAllForwards, readStreamEvents } from './esdb-reads';
import { subscribeWithResume, type ResubscribePolicy } from './esdb-subscription';
import { verifyChain } from './esdb-verify';
import { anchorOf } from './global-position';

export interface EventStoreDbEventStoreOptions {
  /** Client connection string, e.g. `esdb://eventstore:2113?tls=false`. */
  readonly connectionString: string;
  /** Store clock for `recordedAt`; injectable for tests. */
  readonly clock?: () => Date;
  /**
   * How many of the latest events the writer remembers to answer a retried batch with its
   * original result and to refuse an event id reused in another stream (default 10 000).
   * Beyond it, a retry with the expected revision it was first sent with is still answered by
   * EventStoreDB's own idempotency; an `any` retry may be stored again.
   */
  readonly idempotencyWindow?: number;
  /** Delays before subscribing again after a drop (default 100 ms, doubling up to 5 s). */
  readonly resubscribe?: ResubscribePolicy;
}

/**
 * The event store port on EventStoreDB. Each stream is an EventStoreDB stream; the node's log is
 * `$all` without system events, and a global position is derived from commit positions (see
 * `global-position.ts`). The envelope rides in the event's metadata, hash-chained over `$all` by
 * a single writer per node: appends of one instance are serialised, and a second writing instance
 * is not supported (`verify` reports it). Catch-up subscriptions resume by themselves after a drop.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly writer: ChainWriter;
  private readonly resubscribe: ResubscribePolicy;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.writer = new ChainWriter(this.client, options.clock ?? (() => new Date()), options.idempotencyWindow ?? 10_000);
    this.resubscribe = options.resubscribe ?? { initialDelayMs: 100, maxDelayMs: 5_000 };
  }

  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreClosedError());
    let dataJson: string[];
    try {
      dataJson = validateAppend(streamId, events, expected);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.writer.append(streamId, events, dataJson, expected);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    this.assertOpen();
    if (options.limit === 0) return [];
    const backwards = options.direction === 'backwards';
    const events = await readStreamEvents(this.client, streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
      maxCount: options.limit ?? Number.MAX_SAFE_INTEGER,
    });
    return events.map(fromRecorded);
  }

  async streamRevision(streamId: string): Promise<number | null> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', limit: 1 });
    return last === undefined ? null : last.revision;
  }

  /** Starts at the anchor of `after` (the event its batch follows) and skips what is not after it. */
  async readAll(options: ReadAllOptions): Promise<EventEnvelope[]> {
    this.assertOpen();
    const found: EventEnvelope[] = [];
    if (options.limit <= 0) return found;
    const anchor = BigInt(anchorOf(options.after));
    const from = anchor === 0n ? START : { commit: anchor, prepare: anchor };
    for await (const event of readAllForwards(this.client, from, Math.max(2, Math.min(options.limit + 1, 1024)))) {
      if (isSystemEvent(event)) continue;
      const envelope = fromRecorded(event);
      if (envelope.position <= options.after) continue;
      found.push(envelope);
      if (found.length >= options.limit) break;
    }
    return found;
  }

  async headPosition(): Promise<GlobalPosition> {
    this.assertOpen();
    for await (const event of readAllBackwards(this.client, 32)) {
      if (!isSystemEvent(event)) return fromRecorded(event).position;
    }
    return 0;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    const subscription = subscribeWithResume(this.client, options, this.resubscribe);
    this.subscriptions.add(subscription);
    void subscription.done.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async verify(): Promise<VerifyResult> {
    this.assertOpen();
    return verifyChain(readAllForwards(this.client, START));
  }

  async ping(): Promise<void> {
    this.assertOpen();
    const probe = readAllBackwards(this.client, 1);
    await probe.next();
    await probe.return(undefined);
  }

  /** Stops this store's subscriptions, lets queued appends finish, and disconnects. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.writer.drain();
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}
