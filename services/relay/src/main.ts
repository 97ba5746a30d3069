import 'reflect-metadata';
import { nodeServiceImports } from '@border-ledger/composition';
import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { readKafkaSecurity } from '@border-ledger/kafka';
import { KafkaModule, RelayModule } from '@border-ledger/kafka/nest';
import { bootstrapService, ConfigError, readServiceConfig } from '@border-ledger/platform';

const config = readServiceConfig(process.env, { PORT: '3009' });
if (config.kafkaBrokers.length === 0) throw new ConfigError('The relay needs KAFKA_BROKERS');
const name = process.env['RELAY_NAME'] ?? `${config.identity.country.toLowerCase()}-node`;

/** Follows the node's log from its checkpoint and publishes to Kafka (ADR 0004). */
@Module({
  imports: [
    ...nodeServiceImports('relay', config, { writer: false, checkpointPath: process.env['RELAY_CHECKPOINT_PATH'] ?? join(config.dataDir, 'relay.sqlite') }),
    KafkaModule.forRoot({ brokers: config.kafkaBrokers, clientId: `${name}-relay`, security: readKafkaSecurity(process.env) }),
    RelayModule.forRoot({ name }),
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'relay', host: config.host, port: config.port });
