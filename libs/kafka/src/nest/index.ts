export { KafkaModule, type KafkaModuleOptions } from './kafka.module';
export { RelayModule, type RelayModuleOptions } from './relay.module';
