import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

/** Query of `GET /exchange/crossings`. */
export class SharedCrossingsQueryDto {
  @IsOptional()
  @Matches(/^[A-Z]{2}-[A-Z0-9-]{2,40}$/, { message: 'pointOfEntry must be a point-of-entry code like TH-ARANYAPRATHET' })
  readonly pointOfEntry?: string;

  @IsOptional()
  @IsIn(['entry', 'exit'])
  readonly direction?: string;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'sourceCountry must be an ISO 3166-1 alpha-2 code' })
  readonly sourceCountry?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  readonly from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  readonly to?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  readonly limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  readonly offset?: number;
}

/** Query of `GET /exchange/crossings/counts`. */
export class CrossingCountsQueryDto {
  @IsOptional()
  @Matches(/^[A-Z]{2}-[A-Z0-9-]{2,40}$/, { message: 'pointOfEntry must be a point-of-entry code like TH-ARANYAPRATHET' })
  readonly pointOfEntry?: string;
}
