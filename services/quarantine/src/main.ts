import 'reflect-metadata';
import { nodeServiceImports } from '@border-ledger/composition';
import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { ProjectionsModule } from '@border-ledger/event-store/nest';
import { eventTopic, readKafkaSecurity } from '@border-ledger/kafka';
import { KafkaModule } from '@border-ledger/kafka/nest';
import { bootstrapService, ConfigError, readServiceConfig } from '@border-ledger/platform';
import { QuarantineModule } from '@border-ledger/quarantine';

const config = readServiceConfig(process.env, { PORT: '3002' });
if (config.kafkaBrokers.length === 0) throw new ConfigError('The quarantine service needs KAFKA_BROKERS (screening outcomes arrive on Kafka)');
// The quarantine service writes its own log (one writer per log, ADR 0006): it must not be the
// points-of-entry log. A relay pointed at this log publishes `quarantine.*` events.
if (!process.env['EVENT_STORE_PATH'] && !config.eventStoreDbConnectionString) {
  throw new ConfigError('The quarantine service needs its own EVENT_STORE_PATH (e.g. $DATA_DIR/quarantine-events.sqlite)');
}
const country = config.identity.country;
const agency = config.identity.agency.toLowerCase();

/** The quarantine service: centres, stays and the admissions process manager fed from Kafka (ADR 0008). */
@Module({
  imports: [
    ...nodeServiceImports('quarantine', config, { writer: true }),
    ProjectionsModule.forRoot({ path: process.env['QUARANTINE_READ_MODEL_PATH'] ?? join(config.dataDir, 'quarantine-read-models.sqlite') }),
    KafkaModule.forRoot({ brokers: config.kafkaBrokers, clientId: `${agency}-quarantine`, security: readKafkaSecurity(process.env) }),
    QuarantineModule.forRoot({
      feed: {
        kind: 'kafka',
        groupId: process.env['QUARANTINE_GROUP_ID'] ?? `${country.toLowerCase()}-quarantine-admissions`,
        // Screening outcomes, and this service's own events (freed places retry travellers awaiting one).
        topics: [eventTopic(country, 'points-of-entry'), eventTopic(country, 'quarantine')],
      },
      stateDbPath: process.env['QUARANTINE_ADMISSIONS_PATH'] ?? join(config.dataDir, 'quarantine-admissions.sqlite'),
    }),
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'quarantine', host: config.host, port: config.port });
