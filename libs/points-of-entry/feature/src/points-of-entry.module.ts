import { Module } from '@nestjs/common';
import { CrossingStatisticsModule } from './crossing-statistics/crossing-statistics.module';
import { CrossingModule } from './crossing/crossing.module';
import { FlagModule } from './flag/flag.module';
import { ScreeningModule } from './screening/screening.module';

/**
 * The points-of-entry bounded context: points of entry, crossings and traveller identity, health
 * screening under versioned policies (with the what-if), trafficking flags, and crossing
 * statistics. Needs from its composition root: PlatformModule, EventStoreModule,
 * ProjectionsModule and IdentityVaultModule.
 */
@Module({
  imports: [CrossingModule, ScreeningModule, FlagModule, CrossingStatisticsModule],
})
export class PointsOfEntryModule {}
