import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TravellerIdentityModule } from '../identity/identity.module';
import { PointOfEntryModule } from '../point-of-entry/point-of-entry.module';
import { SharedCommandModule } from '../shared/shared-command.module';
import { CrossingCommandHandler } from './crossing.command-handlers';
import { CrossingHttpController } from './crossing.http.controller';

/**
 * Crossings: record and void, checked against the point-of-entry registry, with traveller
 * identity protected. Needs the event store, projections, identity vault and platform modules
 * from the composition root.
 */
@Module({
  imports: [CqrsModule, SharedCommandModule, PointOfEntryModule, TravellerIdentityModule],
  controllers: [CrossingHttpController],
  providers: [CrossingCommandHandler],
})
export class CrossingModule {}
