import { Transform } from 'class-transformer';
import { PageLimit } from '@border-ledger/platform';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { RECORD_TYPES } from '@border-ledger/exchange-domain';

const POE = '[A-Z]{2}-[A-Z0-9-]{2,40}';
/**
 * A day, or a time with its zone: every such value is one `Date` can read. `IsISO8601` alone also
 * passes week dates, ordinal dates and basic formats (`2026-W47-1`, `2026-327`, `20261123`) that
 * `new Date` cannot, which made the query fail with a 500.
 */
const DAY_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Query of `GET /exchange/records` and `GET /exchange/flags`. */
export class SharedRecordsQueryDto {
  @IsOptional()
  @Matches(/^[A-Z]{2}-[A-Z]{2}$/, { message: 'corridor must be two country codes like TH-KH' })
  readonly corridor?: string;

  @IsOptional()
  @Matches(new RegExp(`^${POE}~${POE}$`), { message: 'pair must be two point-of-entry codes like TH-ARANYAPRATHET~KH-POIPET' })
  readonly pair?: string;

  @IsOptional()
  @IsIn(RECORD_TYPES)
  readonly type?: string;

  @IsOptional()
  @IsIn(['outgoing', 'incoming'])
  readonly side?: 'outgoing' | 'incoming';

  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DAY_OR_INSTANT, { message: 'from must be a day (YYYY-MM-DD) or a time with its zone' })
  readonly from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DAY_OR_INSTANT, { message: 'to must be a day (YYYY-MM-DD) or a time with its zone' })
  readonly to?: string;

  @PageLimit(500)
  readonly limit?: number;
}

/** Query of `GET /exchange/match-alerts`. */
export class MatchAlertsQueryDto {
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  readonly open?: boolean;
}

/** A checkpoint another receiver saw, to compare with ours (`POST /exchange/integrity/witness`). */
export class WitnessCheckpointDto {
  @IsString()
  @MaxLength(2000)
  @Matches(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'body must be base64' })
  readonly body!: string;

  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'signature must be base64' })
  readonly signature!: string;

  @IsString()
  @Matches(/^[0-9a-f]{16}$/, { message: 'keyId must be 16 hex digits' })
  readonly keyId!: string;
}
