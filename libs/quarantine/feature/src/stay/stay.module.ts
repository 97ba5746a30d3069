import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { QuarantineCoreModule } from '../quarantine-core.module';
import { OccupancyHttpController } from './occupancy.http.controller';
import { StayCommandHandler } from './stay.command-handler';
import { StayHttpController } from './stay.http.controller';

/** Stays over HTTP: manual admission, daily checks, tests, release, transfer, absconding; occupancy reads. */
@Module({
  imports: [CqrsModule, QuarantineCoreModule],
  controllers: [StayHttpController, OccupancyHttpController],
  providers: [StayCommandHandler],
})
export class StayModule {}
