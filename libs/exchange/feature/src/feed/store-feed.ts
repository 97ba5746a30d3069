import type { CheckpointStore, EventStore, SqliteInbox, Subscription } from '@border-ledger/event-store';
import type { ApplyEvent, ExchangeFeed } from './exchange-feed';

const CHECKPOINT = 'exchange:store-feed';

/** Follows the node's own log from a checkpoint kept beside the read model (edge node). */
export class StoreFeed implements ExchangeFeed {
  private subscription: Subscription | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly inbox: SqliteInbox,
    private readonly apply: ApplyEvent,
    private readonly onError: (error: unknown) => void,
  ) {}

  async start(): Promise<void> {
    const after = await this.checkpoints.load(CHECKPOINT);
    this.subscription = this.store.subscribeToAll({
      after,
      onBatch: async (events) => {
        this.inbox.applyBatchOnce(events, this.apply);
        await this.checkpoints.save(CHECKPOINT, events[events.length - 1].position);
      },
      onError: this.onError,
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }
}
