import 'reflect-metadata';
import { nodeServiceImports } from '@border-ledger/composition';
import { Module } from '@nestjs/common';
import { bootstrapService, readServiceConfig } from '@border-ledger/platform';
import { ReferralsModule } from '@border-ledger/referrals';

const config = readServiceConfig(process.env, { PORT: '3003' });

@Module({
  imports: [
    ...nodeServiceImports('referrals', config, { writer: false }),
    ReferralsModule,
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'referrals', host: config.host, port: config.port });
