import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { EventStoreModule } from '@border-ledger/event-store/nest';
import { bootstrapService, PlatformModule, readServiceConfig } from '@border-ledger/platform';
import { ReferralsModule } from '@border-ledger/referrals';

const config = readServiceConfig(process.env, { PORT: '3003' });

@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'referrals' }),
    EventStoreModule.forSqlite({
      path: config.eventStorePath,
      eventStoreDbConnectionString: config.eventStoreDbConnectionString,
      identity: config.identity,
    }),
    ReferralsModule,
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'referrals', host: config.host, port: config.port });
