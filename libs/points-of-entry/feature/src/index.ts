export { PointsOfEntryModule } from './points-of-entry.module';
export { CrossingCommandMessage, type CrossingReply } from './crossing/crossing.command-handlers';
export { RecordCrossingDto, VoidCrossingDto } from './crossing/crossing.dto';
export { seedDemoCrossings } from './demo/demo-crossings';
