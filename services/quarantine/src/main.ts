import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { EventStoreModule } from '@border-ledger/event-store/nest';
import { bootstrapService, PlatformModule, readServiceConfig } from '@border-ledger/platform';
import { QuarantineModule } from '@border-ledger/quarantine';

const config = readServiceConfig(process.env, { PORT: '3002' });

@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'quarantine' }),
    EventStoreModule.forSqlite({
      path: config.eventStorePath,
      eventStoreDbConnectionString: config.eventStoreDbConnectionString,
      identity: config.identity,
    }),
    QuarantineModule,
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'quarantine', host: config.host, port: config.port });
