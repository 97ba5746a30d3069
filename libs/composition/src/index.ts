export { nodeServiceImports, type NodeServiceOptions } from './node-service';
export { OperationsModule } from './operations/operations.module';
export { WorkQueuesController } from './operations/work-queues.http.controller';
