import { Module, type OnModuleInit } from '@nestjs/common';
import type { SqliteDatabase } from '@border-ledger/event-store';
import { ProjectionRegistry, READ_MODEL_DB } from '@border-ledger/event-store/nest';
import { CrossingStatisticsHttpController } from './crossing-statistics.http.controller';
import { CrossingStatisticsProjection } from './crossing-statistics.projection';

/** The crossing statistics read model and its HTTP query. Needs `ProjectionsModule.forRoot` in the root. */
@Module({
  controllers: [CrossingStatisticsHttpController],
  providers: [
    {
      provide: CrossingStatisticsProjection,
      inject: [READ_MODEL_DB],
      useFactory: (db: SqliteDatabase) => new CrossingStatisticsProjection(db),
    },
  ],
  exports: [CrossingStatisticsProjection],
})
export class CrossingStatisticsModule implements OnModuleInit {
  constructor(
    private readonly registry: ProjectionRegistry,
    private readonly projection: CrossingStatisticsProjection,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.projection);
  }
}
