import { Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ProjectionRegistry } from '@border-ledger/event-store/nest';
import { SharedCommandModule } from '../shared/shared-command.module';
import { EraseTravellerIdentityHandler } from './erase-traveller-identity.handler';
import { TravellerCrossingsProjection } from './traveller-crossings.projection';
import { TravellerHttpController } from './traveller.http.controller';
import { TravellerIdentityService } from './traveller-identity.service';

/**
 * Traveller identity at a point of entry: traveller references, sealed identity, erasure.
 * Needs `IdentityVaultModule.forRoot(…)` (from `@border-ledger/identity`) in the composition root,
 * besides the event store, projections and platform modules.
 */
@Module({
  imports: [CqrsModule, SharedCommandModule],
  controllers: [TravellerHttpController],
  providers: [TravellerIdentityService, EraseTravellerIdentityHandler, TravellerCrossingsProjection],
  exports: [TravellerIdentityService, TravellerCrossingsProjection],
})
export class TravellerIdentityModule implements OnModuleInit {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly crossings: TravellerCrossingsProjection,
  ) {}

  onModuleInit(): void {
    this.projections.register(this.crossings);
  }
}
