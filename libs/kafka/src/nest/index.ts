export { KafkaModule, type KafkaModuleOptions } from './kafka.module';
export { RelayModule, type RelayModuleOptions } from './relay.module';
export { eventFeedProvider, type FeedSource, type FeedTarget } from './event-feed.provider';
