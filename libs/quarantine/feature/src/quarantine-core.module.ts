import { Module, type OnModuleInit } from '@nestjs/common';
import { ProjectionRegistry } from '@border-ledger/event-store/nest';
import { CapacityGuard } from './capacity/capacity-guard';
import { CentresProjection } from './centre/centres.projection';
import { OccupancyQueries } from './stay/occupancy.queries';
import { StaysProjection } from './stay/stays.projection';

/**
 * The read models and the capacity guard every quarantine feature shares (one instance each per
 * application): centres, stays and occupancy. Needs the event store and projections modules.
 */
@Module({
  providers: [CentresProjection, StaysProjection, OccupancyQueries, CapacityGuard],
  exports: [CentresProjection, StaysProjection, OccupancyQueries, CapacityGuard],
})
export class QuarantineCoreModule implements OnModuleInit {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly centres: CentresProjection,
    private readonly stays: StaysProjection,
  ) {}

  onModuleInit(): void {
    this.projections.register(this.centres, this.stays);
  }
}
