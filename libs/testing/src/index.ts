export * from './kafka/kafka-broker';
export * from './http/test-app';
export * from './process/service-process';
export * from './auth/test-identity-provider';
