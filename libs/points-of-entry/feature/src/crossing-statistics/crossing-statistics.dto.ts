import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { POINTS_OF_ENTRY } from '@border-ledger/points-of-entry-domain';
import { CROSSING_DIMENSION_NAMES } from './crossing-statistics.projection';

const POE_CODES = POINTS_OF_ENTRY.map((poe) => poe.code);
const DIMENSION = `(${CROSSING_DIMENSION_NAMES.join('|')})`;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Query of `GET /statistics/crossings`. */
export class CrossingStatisticsQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-11-01', description: 'First local day, inclusive' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'from must be a real date' })
  readonly from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-30', description: 'Last local day, inclusive' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'to must be a real date' })
  readonly to?: string;

  @ApiPropertyOptional({ enum: POE_CODES, example: 'TH-ARANYAPRATHET' })
  @IsOptional()
  @IsIn(POE_CODES)
  readonly pointOfEntry?: string;

  @ApiPropertyOptional({
    example: 'direction,sex,ageBand',
    description: `Comma-separated dimensions to break the daily counts down by: ${CROSSING_DIMENSION_NAMES.join(', ')}`,
  })
  @IsOptional()
  @Matches(new RegExp(`^${DIMENSION}(,${DIMENSION})*$`), {
    message: `groupBy must be a comma-separated list of ${CROSSING_DIMENSION_NAMES.join(', ')}`,
  })
  readonly groupBy?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], example: 'csv', description: 'Or send Accept: text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  readonly format?: 'json' | 'csv';
}

/** OpenAPI shape of one row. */
export class CrossingStatisticsRowDoc {
  @ApiProperty({ example: 'TH-ARANYAPRATHET' })
  readonly pointOfEntry!: string;

  @ApiProperty({ format: 'date', example: '2026-11-23' })
  readonly day!: string;

  @ApiPropertyOptional({ example: 'exit' })
  readonly direction?: string;

  @ApiPropertyOptional({ example: 'female' })
  readonly sex?: string;

  @ApiPropertyOptional({ example: '25-34' })
  readonly ageBand?: string;

  @ApiPropertyOptional({ example: 'KH' })
  readonly nationality?: string;

  @ApiPropertyOptional({ example: 'border-pass' })
  readonly channel?: string;

  @ApiProperty({ example: 12 })
  readonly crossings!: number;
}

/** OpenAPI shape of `GET /statistics/crossings` as JSON. */
export class CrossingStatisticsDoc {
  @ApiProperty({ enum: CROSSING_DIMENSION_NAMES, isArray: true, example: ['direction', 'sex'] })
  readonly groupBy!: string[];

  @ApiProperty({ example: 12, description: 'Sum of the counts of all rows' })
  readonly total!: number;

  @ApiProperty({ type: [CrossingStatisticsRowDoc] })
  readonly rows!: CrossingStatisticsRowDoc[];
}
