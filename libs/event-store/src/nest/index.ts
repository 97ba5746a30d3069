export { EventStoreModule, type SqliteStoreModuleOptions } from './event-store.module';
