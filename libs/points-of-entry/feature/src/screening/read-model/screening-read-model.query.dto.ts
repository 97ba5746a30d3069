import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { POINT_OF_ENTRY_CODE } from '@border-ledger/points-of-entry-domain';

/** Query of `GET /screening/outcomes` and `GET /screening/positivity`. */
export class ScreeningStatsQueryDto {
  @ApiPropertyOptional({ example: 'TH-MAESOT', pattern: POINT_OF_ENTRY_CODE.source })
  @IsOptional()
  @Matches(POINT_OF_ENTRY_CODE, { message: 'pointOfEntry must be a point-of-entry code like TH-MAESOT' })
  readonly pointOfEntry?: string;

  @ApiPropertyOptional({ example: '2026-10-01', description: 'First day of crossing (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  readonly from?: string;

  @ApiPropertyOptional({ example: '2026-10-31', description: 'Last day of crossing (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  readonly to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], example: 'csv', description: 'csv: a CSV file with a header row (or send Accept: text/csv)' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  readonly format?: 'json' | 'csv';
}
