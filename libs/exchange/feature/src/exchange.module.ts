import { DynamicModule, Inject, Injectable, Module, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  CLOCK,
  EVENT_STORE,
  NODE_IDENTITY,
  openSqlite,
  SqliteInbox,
  WorkQueues,
  type Clock,
  type EventEnvelope,
  type EventFeed,
  type EventStore,
  type NodeIdentity,
  type SqliteDatabase,
} from '@border-ledger/event-store';
import { TRAVELLER_KEY_VAULT, type TravellerKeyVault } from '@border-ledger/identity';
import { CONSUMER_FACTORY, RECORD_PUBLISHER, TOPIC_ADMIN, type ConsumerFactory, type RecordPublisher, type TopicAdmin } from '@border-ledger/kafka';
import { eventFeedProvider, type FeedSource, type FeedTarget } from '@border-ledger/kafka/nest';
import { HealthRegistry, JsonLogger, MetricsService } from '@border-ledger/platform';
import { AgreementCommandHandler } from './agreement/agreement.command-handler';
import { AgreementHttpController } from './agreement/agreement.http.controller';
import { AGREEMENTS_STORE } from './agreement/agreement.tokens';
import { CoordinatorHttpController } from './coordinator/coordinator.http.controller';
import { EXCHANGE_DB, EXCHANGE_KEYS, INTEGRITY_MONITOR, MATCHING, OUTGOING_LOG, SHARED_RECORDS } from './exchange.tokens';
import { FeedsHttpController } from './feeds/feeds.http.controller';
import type { ExchangeKeys } from './keys/exchange-keys';
import { CrossBorderReferralsHttpController } from './referrals/cross-border-referrals.http.controller';
import { ExchangeRuntime, type ExchangeTuning } from './runtime/exchange-runtime';
import { SharedCrossingsHttpController } from './shared-crossings/shared-crossings.http.controller';
import { SharedCrossingsProjection } from './shared-crossings/shared-crossings.projection';

export interface ExchangeModuleOptions extends ExchangeTuning {
  /** SQLite file of the exchange (read models, logs, verifiers, inboxes); the outgoing logs make it worth a backup. */
  readonly readModelPath: string;
  /** The node's own events: `store` follows the local log (edge node); `kafka` the node's topics (distributed). */
  readonly feed: FeedSource;
  readonly keys: ExchangeKeys;
  /** Publish the outgoing feeds and consume partners' feeds over Kafka (needs `KafkaModule`). */
  readonly link?: boolean;
  /**
   * Distributed: also follow this service's own log (the agreements and answers it writes) straight
   * from its event store, so an agreement takes effect at once rather than after a round trip
   * through its relay and Kafka, where nothing orders it against the crossings' topic.
   */
  readonly ownLog?: boolean;
}

const SHARED_CROSSINGS_FEED = Symbol('SHARED_CROSSINGS_FEED');
const OWN_EVENTS_FEED = Symbol('OWN_EVENTS_FEED');
const OWN_EVENTS_TARGET = Symbol('OWN_EVENTS_TARGET');
const OWN_LOG_FEED = Symbol('OWN_LOG_FEED');

/** The shared-crossings read model as a feed target. */
@Injectable()
class SharedCrossingsTarget implements FeedTarget {
  readonly inbox: SqliteInbox;
  constructor(
    @Inject(EXCHANGE_DB) readonly db: SqliteDatabase,
    private readonly projection: SharedCrossingsProjection,
  ) {
    this.inbox = new SqliteInbox(db, 'exchange');
  }
  readonly apply = (event: EventEnvelope): void => this.projection.apply(event);
}

class ExchangeLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(SHARED_CROSSINGS_FEED) private readonly crossings: EventFeed,
    @Inject(OWN_EVENTS_FEED) private readonly own: EventFeed,
    @Inject(OWN_LOG_FEED) private readonly ownLog: EventFeed | null,
    private readonly runtime: ExchangeRuntime,
    private readonly health: HealthRegistry,
    @Optional() private readonly queues?: WorkQueues,
  ) {}

  onModuleInit(): void {
    this.queues?.register({ name: 'exchange', queue: this.runtime.queue, wake: () => this.runtime.runner.wake() });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.health.register('exchange-read-model', async () => void this.runtime.db.prepare('SELECT 1').get());
    await this.crossings.start();
    await this.ownLog?.start();
    await this.own.start();
    this.runtime.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.own.stop();
    await this.ownLog?.stop();
    await this.crossings.stop();
    await this.runtime.stop();
    this.runtime.db.close();
  }
}

/** The second consumer of the node's topics gets a group of its own. */
function ownEventsSource(feed: FeedSource): FeedSource {
  return feed.kind === 'kafka' ? { ...feed, groupId: `${feed.groupId}-outgoing` } : feed;
}

/**
 * The cross-border exchange: sharing agreements as events, minimised outgoing feeds under signed
 * Merkle checkpoints, verified incoming feeds, and the coordinators' views.
 */
@Module({})
export class ExchangeModule {
  static forRoot(options: ExchangeModuleOptions): DynamicModule {
    return {
      module: ExchangeModule,
      imports: [CqrsModule],
      controllers: [SharedCrossingsHttpController, AgreementHttpController, FeedsHttpController, CoordinatorHttpController, CrossBorderReferralsHttpController],
      providers: [
        { provide: EXCHANGE_DB, useFactory: () => openSqlite(options.readModelPath) },
        { provide: EXCHANGE_KEYS, useValue: options.keys },
        { provide: SharedCrossingsProjection, inject: [EXCHANGE_DB], useFactory: (db: SqliteDatabase) => new SharedCrossingsProjection(db) },
        SharedCrossingsTarget,
        eventFeedProvider({ provide: SHARED_CROSSINGS_FEED, source: options.feed, checkpointName: 'exchange:store-feed', target: SharedCrossingsTarget }),
        {
          provide: ExchangeRuntime,
          inject: [EXCHANGE_DB, NODE_IDENTITY, CLOCK, EVENT_STORE, MetricsService, JsonLogger, { token: TRAVELLER_KEY_VAULT, optional: true }, { token: RECORD_PUBLISHER, optional: true }, { token: CONSUMER_FACTORY, optional: true }, { token: TOPIC_ADMIN, optional: true }],
          useFactory: (
            db: SqliteDatabase, node: NodeIdentity, clock: Clock, store: EventStore, metrics: MetricsService, logger: JsonLogger,
            vault?: TravellerKeyVault, publisher?: RecordPublisher, consumers?: ConsumerFactory, admin?: TopicAdmin,
          ) => {
            if (options.link && !(publisher && consumers && admin)) throw new Error('The exchange link needs KafkaModule in the composition');
            const link = options.link && publisher && consumers && admin ? { publisher, consumers, admin } : undefined;
            return new ExchangeRuntime(db, options.keys, node, clock, store, vault, link, metrics, logger, options);
          },
        },
        { provide: OWN_EVENTS_TARGET, inject: [ExchangeRuntime], useFactory: (runtime: ExchangeRuntime) => runtime.own },
        eventFeedProvider({ provide: OWN_EVENTS_FEED, source: ownEventsSource(options.feed), checkpointName: 'exchange:own-events', target: OWN_EVENTS_TARGET }),
        options.ownLog
          ? eventFeedProvider({ provide: OWN_LOG_FEED, source: { kind: 'store' }, checkpointName: 'exchange:own-log', target: OWN_EVENTS_TARGET })
          : { provide: OWN_LOG_FEED, useValue: null },
        { provide: AGREEMENTS_STORE, inject: [ExchangeRuntime], useFactory: (r: ExchangeRuntime) => r.agreements },
        { provide: OUTGOING_LOG, inject: [ExchangeRuntime], useFactory: (r: ExchangeRuntime) => r.log },
        { provide: SHARED_RECORDS, inject: [ExchangeRuntime], useFactory: (r: ExchangeRuntime) => r.records },
        { provide: INTEGRITY_MONITOR, inject: [ExchangeRuntime], useFactory: (r: ExchangeRuntime) => r.integrity },
        { provide: MATCHING, inject: [ExchangeRuntime], useFactory: (r: ExchangeRuntime) => r.matching },
        AgreementCommandHandler,
        ExchangeLifecycle,
      ],
      exports: [SharedCrossingsProjection, ExchangeRuntime],
    };
  }
}

