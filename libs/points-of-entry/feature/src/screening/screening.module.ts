import { Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ProjectionRegistry } from '@border-ledger/event-store/nest';
import { ScreeningPolicyModule } from '../policy/policy.module';
import { ScreeningWhatIfModule } from '../what-if/what-if.module';
import { SharedCommandModule } from '../shared/shared-command.module';
import { ScreeningOutcomesProjection } from './read-model/screening-outcomes.projection';
import { ScreeningReadModelHttpController } from './read-model/screening-read-model.http.controller';
import { ScreeningCommandHandler } from './screening.command-handler';
import { ScreeningHttpController } from './screening.http.controller';

/**
 * Health screening: the workflow per crossing, screening policies as data, the what-if, and the
 * outcomes and positivity read model. Needs the event store, projections
 * (`ProjectionsModule.forRoot`) and platform modules from the composition root.
 */
@Module({
  imports: [CqrsModule, SharedCommandModule, ScreeningPolicyModule, ScreeningWhatIfModule],
  controllers: [ScreeningHttpController, ScreeningReadModelHttpController],
  providers: [ScreeningCommandHandler, ScreeningOutcomesProjection],
  exports: [ScreeningOutcomesProjection],
})
export class ScreeningModule implements OnModuleInit {
  constructor(
    private readonly registry: ProjectionRegistry,
    private readonly projection: ScreeningOutcomesProjection,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.projection);
  }
}
