import { ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, WorkQueues, type Clock, type RegisteredWorkQueue } from '@border-ledger/event-store';
import { fieldError } from '@border-ledger/platform';
import { Access } from '@border-ledger/security';
import { WorkItemListView, WorkItemsQuery, WorkItemView, WorkQueueListView } from './work-queues.dto';

const QUEUE = /^[a-z][a-z0-9-]{0,40}$/;
const ITEM = /^[A-Za-z0-9._:/-]{1,200}$/;

/**
 * The process managers' work as operators see it: counts per queue, the items of a state (parked
 * ones failed for good: a rule refused them, or their data was missing), and a retry once the
 * cause is fixed. Payloads are never shown: they may name travellers' records.
 */
@ApiTags('operations')
@Controller('operations/work-queues')
export class WorkQueuesController {
  constructor(
    private readonly queues: WorkQueues,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Access('work-queue.read')
  @ApiOperation({ summary: 'Every work queue of this process with its items counted by state' })
  @ApiOkResponse({ type: WorkQueueListView })
  list(): WorkQueueListView {
    return { items: this.queues.all().map(({ name, queue }) => ({ queue: name, ...queue.counts() })) };
  }

  @Get(':queue/items')
  @Access('work-queue.read')
  @ApiOperation({ summary: 'Items of one queue in a state (default parked), oldest due first' })
  @ApiOkResponse({ type: WorkItemListView })
  @ApiNotFoundResponse({ description: 'No such queue in this process' })
  items(@Param('queue') name: string, @Query() query: WorkItemsQuery): WorkItemListView {
    return { queue: name, items: this.queue(name).queue.list(query.state ?? 'parked', query.limit ?? 50) };
  }

  @Post(':queue/items/:id/retry')
  @HttpCode(200)
  @Access('work-queue.retry')
  @ApiOperation({ summary: 'Puts a parked item back to run now (its attempts and last error are kept)' })
  @ApiOkResponse({ type: WorkItemView })
  @ApiNotFoundResponse({ description: 'No such queue or item' })
  @ApiConflictResponse({ description: 'The item is not parked' })
  retry(@Param('queue') name: string, @Param('id') id: string): WorkItemView {
    const entry = this.queue(name);
    if (!ITEM.test(id)) throw fieldError('id', 'must be 1-200 characters of letters, digits, . _ : / -');
    const item = entry.queue.get(id);
    if (!item) throw new NotFoundException(`No item ${id} in ${name}`);
    if (!entry.queue.retry(id, this.clock())) throw new ConflictException(`Item ${id} is ${item.state}, not parked`);
    entry.wake?.();
    return entry.queue.get(id)!;
  }

  private queue(name: string): RegisteredWorkQueue {
    if (!QUEUE.test(name)) throw fieldError('queue', 'must be a kebab-case queue name');
    const entry = this.queues.get(name);
    if (!entry) throw new NotFoundException(`No work queue ${name} in this process`);
    return entry;
  }
}
