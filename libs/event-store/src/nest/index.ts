export { EventStoreModule, type EventStoreModuleOptions } from './event-store.module';
export { ProjectionsModule, ProjectionRegistry, READ_MODEL_DB } from './projections.module';
export { OwnLogModule, OWN_LOG } from './own-log.module';
export { WorkQueuesModule } from './work-queues.module';
