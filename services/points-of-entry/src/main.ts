import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { EVENT_STORE } from '@border-ledger/event-store';
import { EventStoreModule, ProjectionsModule } from '@border-ledger/event-store/nest';
import { IdentityVaultModule, readIdentityConfig } from '@border-ledger/identity';
import { bootstrapService, PlatformModule, readServiceConfig } from '@border-ledger/platform';
import { PointsOfEntryModule, SeedReferencePointsOfEntryModule } from '@border-ledger/points-of-entry';
import { readSecurityConfig, SecurityModule } from '@border-ledger/security';

const config = readServiceConfig(process.env, { PORT: '3001' });
// The node's writer: its audit of access goes into the node's log, hash-chained with the rest (ADR 0007).
const security = readSecurityConfig(process.env, { node: config.identity, auditLog: EVENT_STORE });
const identity = readIdentityConfig(process.env, { dataDir: config.dataDir, generateKeyIfMissing: false });

/** The points-of-entry service: commands in, events into the node's log. The relay publishes them. */
@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'points-of-entry' }),
    SecurityModule.forRoot(security),
    EventStoreModule.forRoot({
      path: config.eventStorePath,
      eventStoreDbConnectionString: config.eventStoreDbConnectionString,
      identity: config.identity,
    }),
    ProjectionsModule.forRoot({ path: process.env['READ_MODEL_PATH'] ?? join(config.dataDir, 'read-models.sqlite') }),
    IdentityVaultModule.forRoot(identity),
    SeedReferencePointsOfEntryModule,
    PointsOfEntryModule,
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'points-of-entry', host: config.host, port: config.port });
