import 'reflect-metadata';
import { nodeServiceImports } from '@border-ledger/composition';
import { Module } from '@nestjs/common';
import { join, resolve } from 'node:path';
import { ExchangeModule, readExchangeSettings } from '@border-ledger/exchange';
import { IdentityVaultModule, readIdentityConfig } from '@border-ledger/identity';
import { readKafkaSecurity } from '@border-ledger/kafka';
import { KafkaModule } from '@border-ledger/kafka/nest';
import { bootstrapService, ConfigError, readServiceConfig } from '@border-ledger/platform';

// Its own log, always SQLite, apart from the node's (EventStoreDB or not), which has one writer,
// points-of-entry (ADR 0006): by default beside the node's files under another name.
const dataDir = resolve(process.env['DATA_DIR'] ?? 'data');
const defaults = { PORT: '3004', EVENT_STORE_PATH: join(dataDir, 'exchange-events.sqlite') };
const config = { ...readServiceConfig(process.env, defaults), eventStoreDbConnectionString: undefined };
if (config.kafkaBrokers.length === 0) throw new ConfigError('The exchange service needs KAFKA_BROKERS');
const country = config.identity.country.toLowerCase();
// Its own events (agreements, answers) it follows from its own log (`ownLog`), not its topic.
const topics = (process.env['EXCHANGE_TOPICS'] ?? `${country}.points-of-entry.events.v1,${country}.referrals.events.v1`)
  .split(',')
  .map((t) => t.trim())
  .filter(Boolean);

// Consumer groups are per agency: the topic ACL plan grants `<agency>-exchange` (docs/security-kafka.md).
const agencyGroup = `${config.identity.agency.toLowerCase()}-exchange`;

/**
 * The node's side of the cross-border exchange: follows the node's topics, writes agreements and
 * answers in a log of its own (one writer per log, published by a relay), publishes the outgoing
 * feeds and consumes partners'. Opening identities for per-agreement traveller refs needs the
 * node's identity vault (`IDENTITY_VAULT_PATH`, shared read-only with points-of-entry).
 */
@Module({
  imports: [
    ...nodeServiceImports('exchange', config, { writer: true }),
    ...(process.env['IDENTITY_VAULT_PATH'] ? [IdentityVaultModule.forRoot(readIdentityConfig(process.env, { dataDir: config.dataDir, generateKeyIfMissing: false }))] : []),
    KafkaModule.forRoot({ brokers: config.kafkaBrokers, clientId: agencyGroup, security: readKafkaSecurity(process.env) }),
    ExchangeModule.forRoot({
      readModelPath: process.env['EXCHANGE_READ_MODEL_PATH'] ?? join(config.dataDir, 'exchange.sqlite'),
      feed: { kind: 'kafka', groupId: process.env['EXCHANGE_GROUP_ID'] ?? agencyGroup, topics },
      link: true,
      ownLog: true,
      ...readExchangeSettings(process.env, { dataDir: config.dataDir, ...config.identity, generateKeyIfMissing: true }),
    }),
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'exchange', host: config.host, port: config.port });
