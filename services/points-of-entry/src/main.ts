import 'reflect-metadata';
import { nodeServiceImports } from '@border-ledger/composition';
import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { ProjectionsModule } from '@border-ledger/event-store/nest';
import { IdentityVaultModule, readIdentityConfig } from '@border-ledger/identity';
import { bootstrapService, readServiceConfig } from '@border-ledger/platform';
import { PointsOfEntryModule, SeedReferencePointsOfEntryModule } from '@border-ledger/points-of-entry';

const config = readServiceConfig(process.env, { PORT: '3001' });
const identity = readIdentityConfig(process.env, { dataDir: config.dataDir, generateKeyIfMissing: false });

/** The points-of-entry service: commands in, events into the node's log. The relay publishes them. */
@Module({
  imports: [
    ...nodeServiceImports('points-of-entry', config, { writer: true }),
    ProjectionsModule.forRoot({ path: process.env['READ_MODEL_PATH'] ?? join(config.dataDir, 'read-models.sqlite') }),
    IdentityVaultModule.forRoot(identity),
    SeedReferencePointsOfEntryModule,
    PointsOfEntryModule,
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'points-of-entry', host: config.host, port: config.port });
