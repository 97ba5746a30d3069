import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsISO8601, IsObject, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ISO_COUNTRIES } from '@border-ledger/points-of-entry-domain';
import { ScreeningPolicyRulesDto } from './policy-rules.dto';
import { OptionalField } from '@border-ledger/platform';

/** An instant with its time zone, as officers and ministries state them. */
export const ZONED_INSTANT = /(Z|[+-]\d{2}:\d{2})$/;

/** Body of `POST /screening/policies`. Validated at the edge, then mapped to a plain command. */
export class PublishScreeningPolicyDto {
  @ApiPropertyOptional({ format: 'uuid', example: '3f0c9a52-8d1e-4b7a-9c36-5e2f1d0a7b41', description: 'Client-chosen id: a safe retry' })
  @OptionalField()
  @IsUUID()
  readonly policyId?: string;

  @ApiProperty({ example: 'TH', description: 'ISO 3166-1 alpha-2 country whose points of entry the policy governs' })
  @IsIn(ISO_COUNTRIES, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  readonly country!: string;

  @ApiProperty({ example: 3, minimum: 1, description: 'Must be greater than every published version of the country' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  readonly version!: number;

  @ApiProperty({ example: '2026-12-01T00:00:00+07:00', description: 'Not before the effective date of the last published version' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(ZONED_INSTANT, { message: 'effectiveFrom must carry a time zone' })
  readonly effectiveFrom!: string;

  @ApiProperty({ type: () => ScreeningPolicyRulesDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ScreeningPolicyRulesDto)
  readonly rules!: ScreeningPolicyRulesDto;
}
