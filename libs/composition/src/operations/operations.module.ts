import { Module, type OnModuleInit } from '@nestjs/common';
import { WorkQueues } from '@border-ledger/event-store';
import { WorkQueuesModule } from '@border-ledger/event-store/nest';
import { MetricsService } from '@border-ledger/platform';
import { WorkQueuesController } from './work-queues.http.controller';

/**
 * What operators of a node reach besides the contexts: the process managers' work queues over
 * HTTP and as `border_ledger_work_items{queue,state}`. Every composition imports it.
 */
@Module({ imports: [WorkQueuesModule], controllers: [WorkQueuesController] })
export class OperationsModule implements OnModuleInit {
  constructor(
    private readonly queues: WorkQueues,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.metrics.setWorkItemsSource(() => this.queues.all().map(({ name, queue }) => ({ queue: name, counts: queue.counts() })));
  }
}
