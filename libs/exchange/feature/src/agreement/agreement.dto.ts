import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AGREEMENT_PURPOSES, OPTIONAL_FIELDS, REVOKE_REASONS } from '@border-ledger/exchange-domain';
import { GMS_COUNTRIES } from '@border-ledger/points-of-entry-domain';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+){0,10}$/;
const AGENCY = /^[A-Z]{2}-[A-Z0-9-]{2,30}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export class AgreementPartyDto {
  @Matches(AGENCY, { message: 'agency must be an agency code like TH-IMM' })
  readonly agency!: string;

  @IsIn(GMS_COUNTRIES)
  readonly country!: (typeof GMS_COUNTRIES)[number];
}

const fieldsOf = (type: keyof typeof OPTIONAL_FIELDS): readonly string[] => OPTIONAL_FIELDS[type];

class CrossingSelectionDto {
  @IsArray() @ArrayUnique() @IsIn(fieldsOf('exchange.crossing.v1'), { each: true })
  readonly fields!: string[];
}
class ScreeningSelectionDto {
  @IsArray() @ArrayUnique() @IsIn(fieldsOf('exchange.screening-outcome.v1'), { each: true })
  readonly fields!: string[];
}
class FlagSelectionDto {
  @IsArray() @ArrayUnique() @IsIn(fieldsOf('exchange.trafficking-flag.v1'), { each: true })
  readonly fields!: string[];
}
class ReferralSelectionDto {
  @IsArray() @ArrayUnique() @IsIn(fieldsOf('exchange.referral.v1'), { each: true })
  readonly fields!: string[];
}

/** Which record types are shared, each with the optional fields it carries. */
export class RecordsSharedDto {
  @IsOptional() @ValidateNested() @Type(() => CrossingSelectionDto)
  readonly 'exchange.crossing.v1'?: CrossingSelectionDto;

  @IsOptional() @ValidateNested() @Type(() => ScreeningSelectionDto)
  readonly 'exchange.screening-outcome.v1'?: ScreeningSelectionDto;

  @IsOptional() @ValidateNested() @Type(() => FlagSelectionDto)
  readonly 'exchange.trafficking-flag.v1'?: FlagSelectionDto;

  @IsOptional() @ValidateNested() @Type(() => ReferralSelectionDto)
  readonly 'exchange.referral.v1'?: ReferralSelectionDto;
}

/** The terms of a sharing agreement (a new agreement, or an amendment's next version). */
export class AgreementTermsDto {
  @Matches(SLUG, { message: 'agreementId must be a lower-case slug like th-kh-immigration' })
  readonly agreementId!: string;

  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => AgreementPartyDto)
  readonly parties!: AgreementPartyDto[];

  @IsIn(AGREEMENT_PURPOSES)
  readonly purpose!: (typeof AGREEMENT_PURPOSES)[number];

  @ValidateNested() @Type(() => RecordsSharedDto)
  readonly records!: RecordsSharedDto;

  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(50) @Matches(/^[A-Z]{2}-[A-Z0-9-]{2,40}$/, { each: true, message: 'pointsOfEntry must hold point-of-entry codes' })
  readonly pointsOfEntry?: string[];

  @IsInt() @Min(1) @Max(3650)
  readonly retentionDays!: number;

  @Matches(DAY, { message: 'effectiveFrom must be YYYY-MM-DD' })
  readonly effectiveFrom!: string;

  @IsOptional() @Matches(DAY, { message: 'effectiveUntil must be YYYY-MM-DD' })
  readonly effectiveUntil?: string;
}

export class RevokeAgreementDto {
  @IsIn(REVOKE_REASONS)
  readonly reason!: (typeof REVOKE_REASONS)[number];

  /** A time with its zone (`IsISO8601` alone passes `2026`, a revocation since New Year). */
  @IsOptional() @IsString() @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(INSTANT, { message: 'revokedAt must be a time with its zone, like 2026-11-23T17:10:00+07:00' })
  readonly revokedAt?: string;
}
