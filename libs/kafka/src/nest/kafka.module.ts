import { DynamicModule, Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry, JsonLogger } from '@border-ledger/platform';
import { createKafkaClient, type KafkaClient } from '../kafkajs/kafka-client';
import type { KafkaSecurity } from '../kafkajs/kafka-security';
import { KafkajsAdmin } from '../kafkajs/kafkajs-admin';
import { KafkajsConsumerFactory } from '../kafkajs/kafkajs-consumer-factory';
import { KafkajsPublisher } from '../kafkajs/kafkajs-publisher';
import { CONSUMER_FACTORY } from '../ports/event-consumer.port';
import { EVENT_PUBLISHER, type EventPublisher } from '../ports/event-publisher.port';
import { RECORD_PUBLISHER } from '../ports/record-publisher.port';
import { KAFKA_HEALTH } from '../ports/kafka-health.port';
import { TOPIC_ADMIN } from '../ports/topic-admin.port';

export interface KafkaModuleOptions {
  readonly brokers: readonly string[];
  /** Names this process in broker logs, e.g. `th-relay`. */
  readonly clientId: string;
  /** SASL/SCRAM and TLS: `readKafkaSecurity(process.env)` in a composition root. Default: PLAINTEXT. */
  readonly security?: KafkaSecurity;
}

const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');

/** Readiness includes the broker; the publisher and admin close after followers have drained. */
class KafkaLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(KAFKA_HEALTH) private readonly admin: KafkajsAdmin,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register('kafka', () => this.admin.ping());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.close();
    await this.admin.close();
  }
}

/** Provides the Kafka ports (publisher, consumer factory, health) through the kafkajs adapter. */
@Global()
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      providers: [
        {
          provide: KAFKA_CLIENT,
          inject: [JsonLogger],
          useFactory: (logger: JsonLogger): KafkaClient =>
            createKafkaClient({
              brokers: options.brokers,
              clientId: options.clientId,
              security: options.security,
              log: ({ level, msg, ...fields }) => logger[level](msg, { ...fields }, 'Kafka'),
            }),
        },
        { provide: EVENT_PUBLISHER, inject: [KAFKA_CLIENT], useFactory: (c: KafkaClient) => new KafkajsPublisher(c) },
        { provide: RECORD_PUBLISHER, useExisting: EVENT_PUBLISHER },
        { provide: CONSUMER_FACTORY, inject: [KAFKA_CLIENT], useFactory: (c: KafkaClient) => new KafkajsConsumerFactory(c) },
        { provide: KAFKA_HEALTH, inject: [KAFKA_CLIENT], useFactory: (c: KafkaClient) => new KafkajsAdmin(c) },
        { provide: TOPIC_ADMIN, useExisting: KAFKA_HEALTH },
        KafkaLifecycle,
      ],
      exports: [EVENT_PUBLISHER, RECORD_PUBLISHER, CONSUMER_FACTORY, KAFKA_HEALTH, TOPIC_ADMIN],
    };
  }
}
