import {
  DynamicModule,
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import {
  EVENT_STORE,
  openSqlite,
  SqliteCheckpointStore,
  SqliteInbox,
  type EventStore,
  type SqliteDatabase,
} from '@border-ledger/event-store';
import { CONSUMER_FACTORY, TOPIC_ADMIN, type ConsumerFactory, type TopicAdmin } from '@border-ledger/kafka';
import { HealthRegistry, JsonLogger, MetricsService } from '@border-ledger/platform';
import { EXCHANGE_APPLY, EXCHANGE_FEED, type ApplyEvent, type ExchangeFeed } from './feed/exchange-feed';
import { KafkaFeed, type KafkaFeedOptions } from './feed/kafka-feed';
import { StoreFeed } from './feed/store-feed';
import { SharedCrossingsHttpController } from './shared-crossings/shared-crossings.http.controller';
import { SharedCrossingsProjection } from './shared-crossings/shared-crossings.projection';

export interface ExchangeModuleOptions {
  /** SQLite file of the read model (with its inbox and checkpoint); rebuildable by deleting it. */
  readonly readModelPath: string;
  /** `store`: follow the local log (edge node); `kafka`: consume shared topics (distributed). */
  readonly feed: { readonly kind: 'store' } | ({ readonly kind: 'kafka' } & KafkaFeedOptions);
}

const READ_MODEL_DB = Symbol('EXCHANGE_READ_MODEL_DB');
const INBOX = Symbol('EXCHANGE_INBOX');

class ExchangeLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(EXCHANGE_FEED) private readonly feed: ExchangeFeed,
    @Inject(READ_MODEL_DB) private readonly db: SqliteDatabase,
    private readonly health: HealthRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.health.register('exchange-read-model', async () => void this.db.prepare('SELECT 1').get());
    await this.feed.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.feed.stop();
    this.db.close();
  }
}

/** The cross-border exchange context: shared feeds and the coordinators' read model. */
@Module({})
export class ExchangeModule {
  static forRoot(options: ExchangeModuleOptions): DynamicModule {
    const feed: Provider =
      options.feed.kind === 'kafka'
        ? {
            provide: EXCHANGE_FEED,
            inject: [CONSUMER_FACTORY, TOPIC_ADMIN, INBOX, EXCHANGE_APPLY, MetricsService],
            useFactory: (
              factory: ConsumerFactory,
              topics: TopicAdmin,
              inbox: SqliteInbox,
              apply: ApplyEvent,
              metrics: MetricsService,
            ) => new KafkaFeed(factory, topics, options.feed as KafkaFeedOptions, inbox, apply, metrics),
          }
        : {
            provide: EXCHANGE_FEED,
            inject: [EVENT_STORE, READ_MODEL_DB, INBOX, EXCHANGE_APPLY, JsonLogger],
            useFactory: (store: EventStore, db: SqliteDatabase, inbox: SqliteInbox, apply: ApplyEvent, logger: JsonLogger) =>
              new StoreFeed(store, new SqliteCheckpointStore(db), inbox, apply, (error) =>
                logger.error(`exchange store feed stopped: ${(error as Error).message}`, undefined, 'ExchangeFeed'),
              ),
          };
    return {
      module: ExchangeModule,
      controllers: [SharedCrossingsHttpController],
      providers: [
        { provide: READ_MODEL_DB, useFactory: () => openSqlite(options.readModelPath) },
        { provide: INBOX, inject: [READ_MODEL_DB], useFactory: (db: SqliteDatabase) => new SqliteInbox(db, 'exchange') },
        { provide: SharedCrossingsProjection, inject: [READ_MODEL_DB], useFactory: (db: SqliteDatabase) => new SharedCrossingsProjection(db) },
        {
          provide: EXCHANGE_APPLY,
          inject: [SharedCrossingsProjection],
          useFactory: (projection: SharedCrossingsProjection): ApplyEvent => (event) => projection.apply(event),
        },
        feed,
        ExchangeLifecycle,
      ],
      exports: [SharedCrossingsProjection],
    };
  }
}
