import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { EventStoreModule, OWN_LOG, OwnLogModule } from '@border-ledger/event-store/nest';
import { bootstrapService, PlatformModule, readServiceConfig } from '@border-ledger/platform';
import { QuarantineModule } from '@border-ledger/quarantine';
import { readSecurityConfig, SecurityModule } from '@border-ledger/security';

const config = readServiceConfig(process.env, { PORT: '3002' });
// Not the node's writer: its audit of access goes to a log of its own (ADR 0007).
const security = readSecurityConfig(process.env, { node: config.identity, auditLog: OWN_LOG });

@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'quarantine' }),
    OwnLogModule.forSqlite({ path: join(config.dataDir, 'quarantine-audit.sqlite') }),
    SecurityModule.forRoot(security),
    EventStoreModule.forRoot({
      path: config.eventStorePath,
      eventStoreDbConnectionString: config.eventStoreDbConnectionString,
      identity: config.identity,
    }),
    QuarantineModule,
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'quarantine', host: config.host, port: config.port });
