import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches, ValidateIf } from 'class-validator';
import { GMS_COUNTRIES, POINTS_OF_ENTRY, type GmsCountry } from '@border-ledger/points-of-entry-domain';
import { OptionalField, PageLimit, PageOffset } from '@border-ledger/platform';
import {
  DECLINE_REASONS,
  NOT_SUCCEEDED_REASONS,
  REVOKE_REASONS,
  SERVICES,
  type DeclineReason,
  type NotSucceededReason,
  type RevokeReason,
  type Service,
} from '@border-ledger/referrals-domain';
import { REFERRAL_STATUSES, type ReferralStatus } from './referrals.projection';

const POE_CODES = POINTS_OF_ENTRY.map((poe) => poe.code);

/** Optional time of the act, with its offset; now when absent. */
const AtField = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ example: '2026-11-23T17:10:00+07:00', description: 'When it happened (with offset); now when absent' }),
    OptionalField(),
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'at must carry a time zone' }),
  );

/** Body of `POST /referrals`: a protection officer refers a flag to one more service. */
export class OpenReferralDto {
  @ApiProperty({ format: 'uuid', example: '0c6f5a3e-8a4b-4c1d-9e2f-3a4b5c6d7e8f', description: 'The trafficking flag' })
  @IsUUID()
  readonly flagId!: string;

  @ApiProperty({ enum: SERVICES, example: 'legal-aid' })
  @IsIn(SERVICES)
  readonly service!: Service;
}

/** Body of `POST /referrals/:id/accept` and `/services-delivered`. */
export class ReferralActDto {
  @AtField() readonly at?: string;
}

export class DeclineReferralDto {
  @ApiProperty({ enum: DECLINE_REASONS, example: 'no-capacity' })
  @IsIn(DECLINE_REASONS)
  readonly reason!: DeclineReason;

  @AtField() readonly at?: string;
}

export class CloseReferralDto {
  @ApiProperty({ enum: ['succeeded', 'not-succeeded'], example: 'succeeded' })
  @IsIn(['succeeded', 'not-succeeded'])
  readonly outcome!: 'succeeded' | 'not-succeeded';

  @ApiPropertyOptional({ enum: NOT_SUCCEEDED_REASONS, description: 'Why not: required with not-succeeded, absent otherwise' })
  // Checked whenever present, and required with not-succeeded (the controller refuses it with succeeded).
  @ValidateIf((o: CloseReferralDto) => o.outcome === 'not-succeeded' || o.reason !== undefined)
  @IsIn(NOT_SUCCEEDED_REASONS)
  readonly reason?: NotSucceededReason;

  @AtField() readonly at?: string;
}

export class RevokeReferralDto {
  @ApiProperty({ enum: REVOKE_REASONS, example: 'opened-in-error' })
  @IsIn(REVOKE_REASONS)
  readonly reason!: RevokeReason;

  @AtField() readonly at?: string;
}

/** Body of `POST /referrals/:id/consent`: the adult's informed consent, given or withdrawn. */
export class ConsentDto {
  @ApiProperty({ enum: ['given', 'withdrawn'], example: 'given', description: 'Withdrawn: nothing more is shared' })
  @IsIn(['given', 'withdrawn'])
  readonly decision!: 'given' | 'withdrawn';

  @AtField() readonly at?: string;
}

/** Body of `POST /referrals/:id/share`: refer the case to the country of origin. */
export class ShareReferralDto {
  @ApiProperty({ enum: GMS_COUNTRIES, example: 'KH' })
  @IsIn(GMS_COUNTRIES)
  readonly toCountry!: GmsCountry;

  @AtField() readonly at?: string;
}

const BOOLEAN_TEXT = ['true', 'false'] as const;

/** Query of `GET /referrals`. */
export class ListReferralsQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  readonly status?: ReferralStatus;

  @ApiPropertyOptional({ enum: BOOLEAN_TEXT, description: 'Children and critical flags' })
  @IsOptional()
  @IsIn(BOOLEAN_TEXT)
  readonly urgent?: 'true' | 'false';

  @ApiPropertyOptional({ enum: BOOLEAN_TEXT, description: 'Pending past the acceptance deadline' })
  @IsOptional()
  @IsIn(BOOLEAN_TEXT)
  readonly overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: SERVICES })
  @IsOptional()
  @IsIn(SERVICES)
  readonly service?: Service;

  @ApiPropertyOptional({ enum: POE_CODES, example: 'TH-MAESOT' })
  @IsOptional()
  @IsIn(POE_CODES)
  readonly pointOfEntry?: string;

  @PageLimit(100)
  readonly limit?: number;

  @PageOffset()
  readonly offset?: number;
}
