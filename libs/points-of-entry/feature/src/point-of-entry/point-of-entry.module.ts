import { Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ProjectionRegistry } from '@border-ledger/event-store/nest';
import { SharedCommandModule } from '../shared/shared-command.module';
import { PointOfEntryCommandHandler } from './point-of-entry.command-handler';
import { PointOfEntryDirectory } from './point-of-entry.directory';
import { PointOfEntryHttpController } from './point-of-entry.http.controller';
import { PointOfEntryRegistryProjection } from './point-of-entry.registry.projection';

/**
 * Points of entry as events: registration, opening hours, and the registry read model. Needs
 * the event store, projections and platform modules from the composition root.
 */
@Module({
  imports: [CqrsModule, SharedCommandModule],
  controllers: [PointOfEntryHttpController],
  providers: [PointOfEntryCommandHandler, PointOfEntryRegistryProjection, PointOfEntryDirectory],
  exports: [PointOfEntryDirectory, PointOfEntryRegistryProjection],
})
export class PointOfEntryModule implements OnModuleInit {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly registry: PointOfEntryRegistryProjection,
  ) {}

  onModuleInit(): void {
    this.projections.register(this.registry);
  }
}
