import 'reflect-metadata';
import { nodeServiceImports } from '@border-ledger/composition';
import { Module } from '@nestjs/common';
import { bootstrapService, readServiceConfig } from '@border-ledger/platform';
import { QuarantineModule } from '@border-ledger/quarantine';

const config = readServiceConfig(process.env, { PORT: '3002' });

@Module({
  imports: [
    ...nodeServiceImports('quarantine', config, { writer: false }),
    QuarantineModule,
  ],
})
class AppModule {}

void bootstrapService(AppModule, { serviceName: 'quarantine', host: config.host, port: config.port });
