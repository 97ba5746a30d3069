import { DynamicModule, Inject, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CHECKPOINT_STORE, EVENT_STORE, type CheckpointStore, type EventStore } from '@border-ledger/event-store';
import { JsonLogger, MetricsService } from '@border-ledger/platform';
import { EVENT_PUBLISHER, type EventPublisher } from '../ports/event-publisher.port';
import { withoutNodeLocalEvents } from '../relay/node-local-events';
import { Relay } from '../relay/relay';

export interface RelayModuleOptions {
  /** Names the relay's checkpoint (`relay:<name>`) and its metrics label. */
  readonly name: string;
  readonly batchSize?: number;
}

const RELAY = Symbol('RELAY');

/** Starts the relay once the app is up; stops it (batch in hand finished) before shutdown. */
class RelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(RELAY) private readonly relay: Relay) {}

  onApplicationBootstrap(): Promise<void> {
    return this.relay.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}

/** The outbox relay as a Nest module: needs the event store and Kafka modules of its composition. */
@Module({})
export class RelayModule {
  static forRoot(options: RelayModuleOptions): DynamicModule {
    return {
      module: RelayModule,
      providers: [
        {
          provide: RELAY,
          inject: [EVENT_STORE, CHECKPOINT_STORE, EVENT_PUBLISHER, MetricsService, JsonLogger],
          useFactory: (
            store: EventStore,
            checkpoints: CheckpointStore,
            publisher: EventPublisher,
            metrics: MetricsService,
            logger: JsonLogger,
          ) =>
            new Relay({
              name: options.name,
              store,
              checkpoints,
              // The audit of access stays on the node (ADR 0007).
              publisher: withoutNodeLocalEvents(publisher),
              batchSize: options.batchSize,
              onLag: (lag) => metrics.setRelayLag(options.name, lag),
              onPublished: (count) => metrics.recordRelayPublished(options.name, count),
              onError: (error) => logger.error(`relay ${options.name} stopped: ${(error as Error).message}`, 'Relay'),
              logger: ({ level, msg, ...fields }) => logger[level](msg, { ...fields }, 'Relay'),
            }),
        },
        RelayLifecycle,
      ],
    };
  }
}
