export { PointsOfEntryModule } from './points-of-entry.module';
export { CrossingCommandMessage, type CrossingReply } from './crossing/crossing.command-handlers';
export { RecordCrossingDto, VoidCrossingDto } from './crossing/crossing.dto';
export { seedDemoCrossings } from './demo/demo-crossings';
export { FlagModule } from './flag/flag.module';
export { FlagCommandMessage, type FlagReply } from './flag/flag.command-handlers';
export { FLAG_NOTE_STORE, SqliteFlagNoteStore, type FlagNote, type FlagNoteStore } from './flag/flag-note.store';
export { FlagsProjection, type FlagFilter, type FlagSummary } from './flag/flags.projection';
export { AddFlagIndicatorsDto, CloseFlagDto, FlagListQueryDto, RaiseFlagDto, WithdrawFlagDto } from './flag/flag.dto';
export { CrossingStatisticsModule } from './crossing-statistics/crossing-statistics.module';
export {
  CROSSING_DIMENSION_NAMES,
  CrossingStatisticsProjection,
  type CrossingDimension,
  type CrossingStatisticsQuery,
  type CrossingStatisticsRow,
} from './crossing-statistics/crossing-statistics.projection';
export { csvField, toCsv } from './shared/csv';
export {
  ApiCommandErrors,
  ApiIdempotencyKey,
  ApiIfMatch,
  ConflictDoc,
  FieldErrorDoc,
  RuleViolationDoc,
  ValidationFailedDoc,
} from './openapi/api-docs';
export { CrossingModule } from './crossing/crossing.module';
export { PointOfEntryModule } from './point-of-entry/point-of-entry.module';
export { PointOfEntryCommandMessage, type PointOfEntryReply } from './point-of-entry/point-of-entry.command-handler';
export { PointOfEntryRegistryProjection, type RegisteredPointOfEntry } from './point-of-entry/point-of-entry.registry.projection';
export {
  seedReferencePointsOfEntry,
  registerReferencePointsOfEntry,
  SeedReferencePointsOfEntryModule,
  type ReferenceSeedResult,
} from './point-of-entry/point-of-entry.seed';
export { TravellerIdentityModule } from './identity/identity.module';
export { TravellerIdentityService, type TravellerIdentityInput, type IdentityReading } from './identity/traveller-identity.service';
export { EraseTravellerIdentityMessage, type ErasureReply } from './identity/erase-traveller-identity.handler';
export { TravellerCrossingsProjection } from './identity/traveller-crossings.projection';
export { pointsOfEntryTestModule, TEST_FILES, type PointsOfEntryTestModuleOptions } from './crossing/crossing.test-module';
export { ScreeningModule } from './screening/screening.module';
export { ScreeningPolicyModule } from './policy/policy.module';
export { ScreeningWhatIfModule } from './what-if/what-if.module';
export { ScreeningCommandMessage, type ScreeningReply } from './screening/screening.command-handler';
export { ScreeningPolicyCommandMessage, type ScreeningPolicyReply } from './policy/policy.command-handler';
export { ScreeningPolicyReader } from './policy/policy.reader';
export { ScreeningOutcomesProjection } from './screening/read-model/screening-outcomes.projection';
export { seedDemoScreeningPolicy, demoScreeningPolicy } from './demo/demo-screening-policy';
