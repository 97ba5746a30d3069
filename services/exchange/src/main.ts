import 'reflect-metadata';
import { nodeServiceImports } from '@border-ledger/composition';
import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { ExchangeModule } from '@border-ledger/exchange';
import { readKafkaSecurity } from '@border-ledger/kafka';
import { KafkaModule } from '@border-ledger/kafka/nest';
import { bootstrapService, ConfigError, readServiceConfig } from '@border-ledger/platform';

const config = readServiceConfig(process.env, { PORT: '3004' });
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
    ...nodeServiceImports('exchange', config, { writer: false }),
    KafkaModule.forRoot({ brokers: config.kafkaBrokers, clientId: agencyGroup, security: readKafkaSecurity(process.env) }),
    ExchangeModule.forRoot({
      readModelPath: process.env['EXCHANGE_READ_MODEL_PATH'] ?? join(config.dataDir, 'exchange.sqlite'),
      feed: { kind: 'kafka', groupId: process.env['EXCHANGE_GROUP_ID'] ?? agencyGroup, topics },
    }),
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'exchange', host: config.host, port: config.port });
