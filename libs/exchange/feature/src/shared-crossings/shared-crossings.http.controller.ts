import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Access } from '@border-ledger/security';
import { SharedCrossingsProjection, type CrossingCount } from './shared-crossings.projection';
import { CrossingCountsQueryDto, SharedCrossingsQueryDto } from './shared-crossings.query.dto';

/** The cross-border coordinators' view of shared crossings. */
@Controller('exchange/crossings')
export class SharedCrossingsHttpController {
  constructor(@Inject(SharedCrossingsProjection) private readonly projection: SharedCrossingsProjection) {}

  @Get()
  @Access('exchange.read')
  list(@Query() query: SharedCrossingsQueryDto): { total: number; items: Record<string, unknown>[] } {
    return this.projection.list({ ...query, limit: query.limit ?? 100, offset: query.offset ?? 0 });
  }

  @Get('counts')
  @Access('exchange.read')
  counts(@Query() query: CrossingCountsQueryDto): { counts: CrossingCount[] } {
    return { counts: this.projection.counts(query.pointOfEntry) };
  }
}
