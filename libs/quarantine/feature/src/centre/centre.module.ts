import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { QuarantineCoreModule } from '../quarantine-core.module';
import { CentreCommandHandler } from './centre.command-handler';
import { CentreHttpController } from './centre.http.controller';

/**
 * Quarantine centres as events: registration and capacity (decided against real occupancy).
 * The centres read model lives in {@link QuarantineCoreModule}.
 */
@Module({
  imports: [CqrsModule, QuarantineCoreModule],
  controllers: [CentreHttpController],
  providers: [CentreCommandHandler],
})
export class CentreModule {}
