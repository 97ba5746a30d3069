import type { CheckpointStore } from '../checkpoint/checkpoint-store.port';
import type { SqliteInbox } from '../checkpoint/sqlite-inbox';
import type { EventStore, Subscription } from '../port/event-store.port';
import type { ApplyEvent, EventFeed } from './event-feed';

/** Follows the node's own log from a checkpoint kept beside what it feeds (edge node). */
export class StoreFeed implements EventFeed {
  private subscription: Subscription | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    /** Checkpoint name, unique per feed in its database. */
    private readonly checkpointName: string,
    private readonly inbox: SqliteInbox,
    private readonly apply: ApplyEvent,
    private readonly onError: (error: unknown) => void,
    /** Told after each batch is applied (process managers start their work then). */
    private readonly onApplied: () => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    const after = await this.checkpoints.load(this.checkpointName);
    this.subscription = this.store.subscribeToAll({
      after,
      onBatch: async (events) => {
        this.inbox.applyBatchOnce(events, this.apply);
        await this.checkpoints.save(this.checkpointName, events[events.length - 1].position);
        this.onApplied();
      },
      onError: this.onError,
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }
}
