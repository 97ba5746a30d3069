import { PageLimit, PageOffset } from '@border-ledger/platform';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';

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

  @PageLimit(100)
  readonly limit?: number;

  @PageOffset()
  readonly offset?: number;
}

/** Query of `GET /exchange/crossings/counts`. */
export class CrossingCountsQueryDto {
  @IsOptional()
  @Matches(/^[A-Z]{2}-[A-Z0-9-]{2,40}$/, { message: 'pointOfEntry must be a point-of-entry code like TH-ARANYAPRATHET' })
  readonly pointOfEntry?: string;
}
