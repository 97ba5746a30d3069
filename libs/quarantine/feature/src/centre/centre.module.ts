import { Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ProjectionRegistry } from '@border-ledger/event-store/nest';
import { CentreCommandHandler } from './centre.command-handler';
import { CentreHttpController } from './centre.http.controller';
import { CentresProjection } from './centres.projection';

/**
 * Quarantine centres as events: registration, capacity, and the centres read model. Needs the
 * event store, projections and platform modules from the composition root.
 */
@Module({
  imports: [CqrsModule],
  controllers: [CentreHttpController],
  providers: [CentreCommandHandler, CentresProjection],
  exports: [CentresProjection],
})
export class CentreModule implements OnModuleInit {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly centres: CentresProjection,
  ) {}

  onModuleInit(): void {
    this.projections.register(this.centres);
  }
}
