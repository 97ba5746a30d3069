import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { SqliteDatabase } from '@border-ledger/event-store';
import { READ_MODEL_DB } from '@border-ledger/event-store/nest';
import { Access } from '@border-ledger/security';
import { toCsv } from '../../shared/csv';
import { outcomeCounts, positivity, type OutcomeCountRow, type PositivityRow } from './screening-outcomes.projection';
import { ScreeningStatsQueryDto } from './screening-read-model.query.dto';
import { fieldError, type HeaderSink } from '@border-ledger/platform';

class OutcomeCountDoc {
  @ApiProperty({ example: 'TH-MAESOT' }) readonly pointOfEntry!: string;
  @ApiProperty({ example: '2026-10-01' }) readonly day!: string;
  @ApiProperty({ example: 'asymptomatic' }) readonly pathway!: string;
  @ApiProperty({ example: 'quarantine' }) readonly outcome!: string;
  @ApiProperty({ example: 4 }) readonly screenings!: number;
  @ApiProperty({ example: 28, description: 'Quarantine bed-days of these outcomes' }) readonly quarantineDays!: number;
}
class OutcomeCountsDoc {
  @ApiProperty({ type: [OutcomeCountDoc] }) readonly rows!: OutcomeCountDoc[];
}
class PositivityDoc {
  @ApiProperty({ example: 'TH-MAESOT' }) readonly pointOfEntry!: string;
  @ApiProperty({ example: '2026-10-01' }) readonly day!: string;
  @ApiProperty({ example: 'rapid-antigen' }) readonly testType!: string;
  @ApiProperty({ example: 21 }) readonly tests!: number;
  @ApiProperty({ example: 2 }) readonly positives!: number;
  @ApiProperty({ example: 18 }) readonly negatives!: number;
  @ApiProperty({ example: 1 }) readonly invalid!: number;
  @ApiProperty({ example: 0.1, nullable: true, description: 'positives / (positives + negatives)' }) readonly positivity!: number | null;
}
class PositivityListDoc {
  @ApiProperty({ type: [PositivityDoc] }) readonly rows!: PositivityDoc[];
}

const OUTCOME_COLUMNS: (keyof OutcomeCountRow & string)[] = ['pointOfEntry', 'day', 'pathway', 'outcome', 'screenings', 'quarantineDays'];
const POSITIVITY_COLUMNS: (keyof PositivityRow & string)[] = ['pointOfEntry', 'day', 'testType', 'tests', 'positives', 'negatives', 'invalid', 'positivity'];

/** Screening statistics for port health officers: JSON, or CSV with `?format=csv` or `Accept: text/csv`. */
@ApiTags('health screening')
@Controller('screening')
export class ScreeningReadModelHttpController {
  constructor(@Inject(READ_MODEL_DB) private readonly db: SqliteDatabase) {}

  @Get('outcomes')
  @Access('screening.statistics')
  @ApiOperation({ summary: 'Screening outcomes per point of entry per day, by pathway and outcome' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: OutcomeCountsDoc })
  outcomes(
    @Query() query: ScreeningStatsQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
  ): { rows: OutcomeCountRow[] } | string {
    const rows = outcomeCounts(this.db, checkPeriod(query));
    return wantsCsv(query, accept) ? csv(response, 'screening-outcomes', toCsv(OUTCOME_COLUMNS, rows)) : { rows };
  }

  @Get('positivity')
  @Access('screening.statistics')
  @ApiOperation({ summary: 'Test positivity per point of entry per day, by test type' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: PositivityListDoc })
  positivity(
    @Query() query: ScreeningStatsQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
  ): { rows: PositivityRow[] } | string {
    const rows = positivity(this.db, checkPeriod(query));
    return wantsCsv(query, accept) ? csv(response, 'screening-positivity', toCsv(POSITIVITY_COLUMNS, rows)) : { rows };
  }
}

function checkPeriod(query: ScreeningStatsQueryDto): ScreeningStatsQueryDto {
  if (query.from && query.to && query.from > query.to) throw fieldError('to', 'to must not be before from');
  return query;
}

function wantsCsv(query: ScreeningStatsQueryDto, accept: string | undefined): boolean {
  if (query.format) return query.format === 'csv';
  return typeof accept === 'string' && /(^|,)\s*text\/csv\b/i.test(accept);
}

function csv(response: HeaderSink, name: string, body: string): string {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  return body;
}
