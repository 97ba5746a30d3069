import { BadRequestException, Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Access } from '@border-ledger/security';
import { ValidationFailedDoc } from '../openapi/api-docs';
import { CrossingStatisticsDoc, CrossingStatisticsQueryDto } from './crossing-statistics.dto';
import {
  CrossingStatisticsProjection,
  type CrossingDimension,
  type CrossingStatisticsRow,
} from './crossing-statistics.projection';
import { toCsv } from '../shared/csv';

const CSV_EXAMPLE = 'pointOfEntry,day,direction,sex,crossings\r\nTH-ARANYAPRATHET,2026-11-23,exit,female,12\r\n';

interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/** Disaggregated crossing statistics, as JSON or CSV. */
@ApiTags('statistics')
@Controller('statistics/crossings')
export class CrossingStatisticsHttpController {
  constructor(private readonly projection: CrossingStatisticsProjection) {}

  @Get()
  @Access('crossing-statistics.read')
  @ApiOperation({ summary: 'Crossings per point of entry per local day, broken down by the groupBy dimensions' })
  @ApiExtraModels(CrossingStatisticsDoc)
  @ApiOkResponse({
    description: 'JSON, or CSV with a header line for format=csv or Accept: text/csv',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CrossingStatisticsDoc) } },
      'text/csv': { schema: { type: 'string', example: CSV_EXAMPLE } },
    },
  })
  @ApiResponse({ status: 400, description: 'Invalid query, or `to` before `from`', type: ValidationFailedDoc })
  crossings(
    @Query() query: CrossingStatisticsQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
  ): { groupBy: CrossingDimension[]; total: number; rows: CrossingStatisticsRow[] } | string {
    if (query.from && query.to && query.from > query.to) {
      throw new BadRequestException({ message: 'Validation failed', errors: [{ field: 'to', messages: ['to must not be before from'] }] });
    }
    const groupBy = [...new Set((query.groupBy ?? '').split(',').filter(Boolean))] as CrossingDimension[];
    const rows = this.projection.query({ from: query.from, to: query.to, pointOfEntry: query.pointOfEntry, groupBy });
    const csv = query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/i.test(accept ?? ''));
    if (!csv) return { groupBy, total: rows.reduce((sum, row) => sum + row.crossings, 0), rows };
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="crossings-${query.from ?? 'start'}-${query.to ?? 'now'}.csv"`);
    return toCsv<CrossingStatisticsRow>(['pointOfEntry', 'day', ...groupBy, 'crossings'], rows);
  }
}
