import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsIn, IsISO8601, IsObject, Matches, ValidateNested } from 'class-validator';
import { ISO_COUNTRIES, POINT_OF_ENTRY_CODE } from '@border-ledger/points-of-entry-domain';
import { ScreeningPolicyRulesDto } from '../policy/policy-rules.dto';
import { ZONED_INSTANT } from '../policy/policy.dto';
import { OptionalField } from '@border-ledger/platform';

/** A draft policy: rules to try, never published. */
export class DraftScreeningPolicyDto {
  @ApiProperty({ example: 'TH' })
  @IsIn(ISO_COUNTRIES, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  readonly country!: string;

  @ApiProperty({ type: () => ScreeningPolicyRulesDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ScreeningPolicyRulesDto)
  readonly rules!: ScreeningPolicyRulesDto;
}

/** Body of `POST /screening/what-if`. */
export class WhatIfRequestDto {
  @ApiProperty({ type: () => DraftScreeningPolicyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DraftScreeningPolicyDto)
  readonly draft!: DraftScreeningPolicyDto;

  @ApiProperty({ example: '2026-10-01T00:00:00+07:00', description: 'First crossing time of the period (inclusive)' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(ZONED_INSTANT, { message: 'from must carry a time zone' })
  readonly from!: string;

  @ApiProperty({ example: '2026-11-01T00:00:00+07:00', description: 'End of the period (exclusive); at most 366 days after from' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(ZONED_INSTANT, { message: 'to must carry a time zone' })
  readonly to!: string;

  @ApiPropertyOptional({ type: [String], example: ['TH-MAESOT', 'TH-ARANYAPRATHET', 'TH-NONGKHAI'] })
  @OptionalField()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(POINT_OF_ENTRY_CODE, { each: true, message: 'each value in pointsOfEntry must be a point-of-entry code like TH-MAESOT' })
  readonly pointsOfEntry?: string[];
}
