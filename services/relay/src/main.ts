import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { EventStoreModule, OWN_LOG, OwnLogModule } from '@border-ledger/event-store/nest';
import { readKafkaSecurity } from '@border-ledger/kafka';
import { KafkaModule, RelayModule } from '@border-ledger/kafka/nest';
import { bootstrapService, ConfigError, PlatformModule, readServiceConfig } from '@border-ledger/platform';
import { readSecurityConfig, SecurityModule } from '@border-ledger/security';

const config = readServiceConfig(process.env, { PORT: '3009' });
// Not the node's writer: its audit of access goes to a log of its own (ADR 0007).
const security = readSecurityConfig(process.env, { node: config.identity, auditLog: OWN_LOG });
if (config.kafkaBrokers.length === 0) throw new ConfigError('The relay needs KAFKA_BROKERS');
const name = process.env['RELAY_NAME'] ?? `${config.identity.country.toLowerCase()}-node`;

/** Follows the node's log from its checkpoint and publishes to Kafka (ADR 0004). */
@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'relay' }),
    OwnLogModule.forSqlite({ path: join(config.dataDir, 'relay-audit.sqlite') }),
    SecurityModule.forRoot(security),
    // The relay reads the writer's log file and keeps its checkpoint in a file of its own.
    EventStoreModule.forRoot({
      path: config.eventStorePath,
      eventStoreDbConnectionString: config.eventStoreDbConnectionString,
      checkpointPath: process.env['RELAY_CHECKPOINT_PATH'] ?? join(config.dataDir, 'relay.sqlite'),
      identity: config.identity,
    }),
    KafkaModule.forRoot({ brokers: config.kafkaBrokers, clientId: `${name}-relay`, security: readKafkaSecurity(process.env) }),
    RelayModule.forRoot({ name }),
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'relay', host: config.host, port: config.port });
