import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@border-ledger/platform';
import { CLOCK, systemClock, type Clock } from '../application/clock';
import { NODE_IDENTITY, type NodeIdentity } from '../application/node-identity';
import { CHECKPOINT_STORE } from '../checkpoint/checkpoint-store.port';
import { SqliteCheckpointStore } from '../checkpoint/sqlite-checkpoint-store';
import { EVENT_STORE, type EventStore } from '../port/event-store.port';
import { openSqlite } from '../sqlite/sqlite-database';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { EventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store';

export interface EventStoreModuleOptions {
  /** SQLite file of the node's log. */
  readonly path: string;
  /**
   * When set, the log lives in EventStoreDB at this connection string (`esdb://…`) instead of the
   * SQLite file; checkpoints stay in a local SQLite file (`checkpointPath`, else `path`).
   */
  readonly eventStoreDbConnectionString?: string;
  /** SQLite file for checkpoints of followers of the log; defaults to the log's own file. */
  readonly checkpointPath?: string;
  readonly identity: NodeIdentity;
  readonly clock?: Clock;
}

/** Registers the store's readiness check and closes it last on shutdown (after followers drained). */
class EventStoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register('event-store', () => this.store.ping());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Provides the event store port (SQLite or EventStoreDB adapter), checkpoints, the node identity and the clock. */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    const clock = options.clock ?? systemClock;
    return {
      module: EventStoreModule,
      providers: [
        { provide: CLOCK, useValue: clock },
        { provide: NODE_IDENTITY, useValue: options.identity },
        {
          provide: EVENT_STORE,
          useFactory: () =>
            options.eventStoreDbConnectionString
              ? new EventStoreDbEventStore({ connectionString: options.eventStoreDbConnectionString, clock })
              : new SqliteEventStore({ path: options.path, clock }),
        },
        {
          provide: CHECKPOINT_STORE,
          useFactory: () => new SqliteCheckpointStore(openSqlite(options.checkpointPath ?? options.path), clock),
        },
        EventStoreLifecycle,
      ],
      exports: [CLOCK, NODE_IDENTITY, EVENT_STORE, CHECKPOINT_STORE],
    };
  }
}
