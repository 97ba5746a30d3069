import { Global, Module } from '@nestjs/common';
import { WorkQueues } from '../work-queue/work-queues';

/**
 * One {@link WorkQueues} registry per process: features register their queues into it (injected
 * `@Optional()`, so a feature's own test app needs none), operations read it.
 */
@Global()
@Module({ providers: [WorkQueues], exports: [WorkQueues] })
export class WorkQueuesModule {}
