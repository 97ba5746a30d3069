import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageLimit } from '@border-ledger/platform';
import { IsIn, IsOptional } from 'class-validator';
import { WORK_STATES, type WorkState } from '@border-ledger/event-store';

/** Query of `GET /operations/work-queues/:queue/items`. */
export class WorkItemsQuery {
  @ApiPropertyOptional({ enum: WORK_STATES, default: 'parked' })
  @IsOptional()
  @IsIn(WORK_STATES)
  readonly state?: WorkState;

  @PageLimit(50)
  readonly limit?: number;
}

export class WorkQueueCountsView {
  @ApiProperty({ example: 'quarantine-admissions' }) readonly queue!: string;
  @ApiProperty() readonly pending!: number;
  @ApiProperty() readonly done!: number;
  @ApiProperty() readonly cancelled!: number;
  @ApiProperty({ description: 'Work that failed for good and waits for an operator' }) readonly parked!: number;
}

export class WorkQueueListView {
  @ApiProperty({ type: [WorkQueueCountsView] }) readonly items!: WorkQueueCountsView[];
}

export class WorkItemView {
  @ApiProperty({ example: 'admit:5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a' }) readonly id!: string;
  @ApiProperty({ example: 'admit' }) readonly kind!: string;
  @ApiProperty({ enum: WORK_STATES }) readonly state!: string;
  @ApiProperty() readonly dueAt!: string;
  @ApiProperty() readonly attempts!: number;
  @ApiProperty({ nullable: true, type: String, example: 'centre-not-found: No centre TH-X' }) readonly lastError!: string | null;
}

export class WorkItemListView {
  @ApiProperty({ example: 'quarantine-admissions' }) readonly queue!: string;
  @ApiProperty({ type: [WorkItemView] }) readonly items!: WorkItemView[];
}
