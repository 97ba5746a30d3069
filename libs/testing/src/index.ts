export * from './kafka/kafka-broker';
