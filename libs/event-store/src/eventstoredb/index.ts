export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb-event-store';
export { NotAnEnvelopeError } from './esdb-envelope';
export type { ResubscribePolicy } from './esdb-subscription';
export { POSITION_SLOTS } from './global-position';
