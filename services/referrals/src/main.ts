import 'reflect-metadata';
import { nodeServiceImports } from '@border-ledger/composition';
import { Module } from '@nestjs/common';
import { join, resolve } from 'node:path';
import { ProjectionsModule } from '@border-ledger/event-store/nest';
import { eventTopic, readKafkaSecurity } from '@border-ledger/kafka';
import { KafkaModule } from '@border-ledger/kafka/nest';
import { bootstrapService, ConfigError, readServiceConfig } from '@border-ledger/platform';
import { readAcceptanceLimits, ReferralsModule } from '@border-ledger/referrals';

// Its own log, always SQLite, apart from the node's (EventStoreDB or not), which has one writer,
// points-of-entry (ADR 0006): by default beside the node's files under another name.
const dataDir = resolve(process.env['DATA_DIR'] ?? 'data');
const defaults = { PORT: '3003', EVENT_STORE_PATH: join(dataDir, 'referrals-events.sqlite') };
const config = { ...readServiceConfig(process.env, defaults), eventStoreDbConnectionString: undefined };
if (config.kafkaBrokers.length === 0) throw new ConfigError('The referrals service needs KAFKA_BROKERS (flags come from the points-of-entry topic)');
const country = config.identity.country;
const clientId = `${config.identity.agency.toLowerCase()}-referrals`;

/**
 * The referrals service: flags from the node's points-of-entry topic in, and the answers partners
 * sent back to cross-border shares from its exchange topic; referrals into its own log (a relay
 * publishes them); protection officers work the referrals over HTTP.
 */
@Module({
  imports: [
    ...nodeServiceImports('referrals', config, { writer: true }),
    ProjectionsModule.forRoot({ path: process.env['READ_MODEL_PATH'] ?? join(config.dataDir, 'referrals-read-models.sqlite') }),
    KafkaModule.forRoot({ brokers: config.kafkaBrokers, clientId, security: readKafkaSecurity(process.env) }),
    ReferralsModule.forRoot({
      feed: { kind: 'kafka', groupId: process.env['REFERRALS_GROUP_ID'] ?? `${country.toLowerCase()}-referrals-from-flags`, topics: [eventTopic(country, 'points-of-entry'), eventTopic(country, 'exchange')] },
      processDbPath: process.env['REFERRALS_DB_PATH'] ?? join(config.dataDir, 'referrals-process.sqlite'),
      acceptWithin: readAcceptanceLimits(process.env),
    }),
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'referrals', host: config.host, port: config.port });
