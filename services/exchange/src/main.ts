import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { EventStoreModule, OWN_LOG, OwnLogModule } from '@border-ledger/event-store/nest';
import { ExchangeModule } from '@border-ledger/exchange';
import { readKafkaSecurity } from '@border-ledger/kafka';
import { KafkaModule } from '@border-ledger/kafka/nest';
import { bootstrapService, ConfigError, PlatformModule, readServiceConfig } from '@border-ledger/platform';
import { readSecurityConfig, SecurityModule } from '@border-ledger/security';

const config = readServiceConfig(process.env, { PORT: '3004' });
// Not the node's writer: its audit of access goes to a log of its own (ADR 0007).
const security = readSecurityConfig(process.env, { node: config.identity, auditLog: OWN_LOG });
if (config.kafkaBrokers.length === 0) throw new ConfigError('The exchange service needs KAFKA_BROKERS');
const topics = (process.env['EXCHANGE_TOPICS'] ?? `${config.identity.country.toLowerCase()}.points-of-entry.events.v1`)
  .split(',')
  .map((t) => t.trim())
  .filter(Boolean);

// Consumer groups are per agency: the topic ACL plan grants `<agency>-exchange` (docs/security-kafka.md).
const agencyGroup = `${config.identity.agency.toLowerCase()}-exchange`;

/** Consumes shared topics into the coordinators' read model. */
@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'exchange' }),
    OwnLogModule.forSqlite({ path: join(config.dataDir, 'exchange-audit.sqlite') }),
    SecurityModule.forRoot(security),
    EventStoreModule.forRoot({
      path: config.eventStorePath,
      eventStoreDbConnectionString: config.eventStoreDbConnectionString,
      identity: config.identity,
    }),
    KafkaModule.forRoot({ brokers: config.kafkaBrokers, clientId: agencyGroup, security: readKafkaSecurity(process.env) }),
    ExchangeModule.forRoot({
      readModelPath: process.env['EXCHANGE_READ_MODEL_PATH'] ?? join(config.dataDir, 'exchange.sqlite'),
      feed: { kind: 'kafka', groupId: process.env['EXCHANGE_GROUP_ID'] ?? agencyGroup, topics },
    }),
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'exchange', host: config.host, port: config.port });
