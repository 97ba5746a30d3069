import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CrossingCommandHandler } from './crossing/crossing.command-handlers';
import { CrossingHttpController } from './crossing/crossing.http.controller';

/**
 * The points-of-entry bounded context. Needs the event store module and the platform module
 * from its composition root (a service or the edge node).
 */
@Module({
  imports: [CqrsModule],
  controllers: [CrossingHttpController],
  providers: [CrossingCommandHandler],
})
export class PointsOfEntryModule {}
