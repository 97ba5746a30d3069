import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageLimit, PageOffset } from '@border-ledger/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  FLAG_CLOSE_REASONS,
  FLAG_WITHDRAW_REASONS,
  INDICATOR_CODES,
  POINTS_OF_ENTRY,
  SEVERITIES,
  type FlagCloseReason,
  type FlagWithdrawReason,
  type IndicatorCode,
  type Severity,
} from '@border-ledger/points-of-entry-domain';

const POE_CODES = POINTS_OF_ENTRY.map((poe) => poe.code);
export const FLAG_STATUSES = ['open', 'closed', 'withdrawn'] as const;
/** Longest note an officer may keep on a flag. */
export const MAX_NOTE_LENGTH = 2000;

/** What the flag is about. */
export class FlagSubjectDto {
  @ApiProperty({ enum: ['crossing', 'irregular-detection'], example: 'crossing' })
  @IsIn(['crossing', 'irregular-detection'])
  readonly kind!: 'crossing' | 'irregular-detection';

  @ApiProperty({ format: 'uuid', example: '5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a', description: 'Crossing id or detection id' })
  @IsUUID()
  readonly id!: string;
}

/** Indicators from the catalogue (`GET /flags/indicators`). */
const indicatorsDoc = {
  enum: INDICATOR_CODES,
  isArray: true,
  example: ['retention-of-identity-documents', 'deception'],
} as const;

/** Body of `POST /flags`. */
export class RaiseFlagDto {
  @ApiPropertyOptional({ format: 'uuid', example: '0c6f5a3e-8a4b-4c1d-9e2f-3a4b5c6d7e8f', description: 'Client-chosen id: a retry with it is stored once' })
  @IsOptional()
  @IsUUID()
  readonly flagId?: string;

  @ApiProperty({ type: FlagSubjectDto })
  @IsObject()
  @ValidateNested()
  @Type(() => FlagSubjectDto)
  readonly subject!: FlagSubjectDto;

  @ApiProperty({ enum: POE_CODES, example: 'TH-MAESOT' })
  @IsIn(POE_CODES, { message: 'pointOfEntry must be one of the known points of entry' })
  readonly pointOfEntry!: string;

  @ApiProperty(indicatorsDoc)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(INDICATOR_CODES.length)
  @ArrayUnique()
  @IsIn(INDICATOR_CODES, { each: true })
  readonly indicators!: IndicatorCode[];

  @ApiProperty({ example: '2026-11-23T15:40:00+07:00', description: 'When the officer observed the indicators, with offset' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'observedAt must carry a time zone' })
  readonly observedAt!: string;

  @ApiPropertyOptional({
    maxLength: MAX_NOTE_LENGTH,
    example: 'Travels with a broker who holds her passport; says she owes 30,000 baht for the job.',
    description: 'Stays on this node: never in an event, shown only by GET /flags/{flagId} here',
  })
  @IsOptional()
  @IsString()
  @Length(1, MAX_NOTE_LENGTH)
  readonly note?: string;
}

/** Body of `POST /flags/{flagId}/indicators`. */
export class AddFlagIndicatorsDto {
  @ApiProperty({ ...indicatorsDoc, example: ['debt-bondage'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(INDICATOR_CODES.length)
  @ArrayUnique()
  @IsIn(INDICATOR_CODES, { each: true })
  readonly indicators!: IndicatorCode[];
}

/** Body of `POST /flags/{flagId}/close`. */
export class CloseFlagDto {
  @ApiProperty({ enum: FLAG_CLOSE_REASONS, example: 'referred-to-protection-services', description: 'A child-protection flag closes only by referral' })
  @IsIn(FLAG_CLOSE_REASONS)
  readonly reason!: FlagCloseReason;
}

/** Body of `POST /flags/{flagId}/withdraw`. */
export class WithdrawFlagDto {
  @ApiProperty({ enum: FLAG_WITHDRAW_REASONS, example: 'raised-in-error' })
  @IsIn(FLAG_WITHDRAW_REASONS)
  readonly reason!: FlagWithdrawReason;
}

/** Query of `GET /flags`. */
export class FlagListQueryDto {
  @ApiPropertyOptional({ enum: FLAG_STATUSES, example: 'open' })
  @IsOptional()
  @IsIn(FLAG_STATUSES)
  readonly status?: (typeof FLAG_STATUSES)[number];

  @ApiPropertyOptional({ enum: SEVERITIES, example: 'critical' })
  @IsOptional()
  @IsIn(SEVERITIES)
  readonly severity?: Severity;

  @ApiPropertyOptional({ enum: POE_CODES, example: 'TH-MAESOT' })
  @IsOptional()
  @IsIn(POE_CODES)
  readonly pointOfEntry?: string;

  @PageLimit(100)
  readonly limit?: number;

  @PageOffset()
  readonly offset?: number;
}
