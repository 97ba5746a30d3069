import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AGE_BANDS,
  CHANNELS,
  DIRECTIONS,
  ISO_COUNTRIES,
  POINT_OF_ENTRY_CODE,
  PURPOSES,
  SEXES,
  VISA_TYPES,
  type AgeBand,
  type Channel,
  type Direction,
  type Purpose,
  type Sex,
  type VisaType,
} from '@border-ledger/points-of-entry-domain';
import { TravellerDocumentDto } from '../identity/traveller.dto';
import { OptionalField, PRINTABLE } from '@border-ledger/platform';

/** Border pass details: where it is valid and for how many days. */
export class BorderPassDto {
  @ApiProperty({ example: 'Sa Kaeo', description: 'Province or district the pass is valid in' })
  @IsString()
  @Length(2, 80)
  @Matches(PRINTABLE, { message: 'area must not contain control characters' })
  readonly area!: string;

  @ApiProperty({ example: 7, minimum: 1, maximum: 365 })
  @IsInt()
  @Min(1)
  @Max(365)
  readonly validDays!: number;
}

/**
 * Body of `POST /crossings`. Validated at the edge, then mapped to a plain command. A date of
 * birth and a document are accepted here and never stored in clear.
 */
export class RecordCrossingDto {
  @ApiPropertyOptional({
    example: '5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a',
    description: 'Client-chosen id: resending it is a safe retry',
  })
  @OptionalField()
  @IsUUID()
  readonly crossingId?: string;

  @ApiProperty({ example: 'TH-ARANYAPRATHET', description: 'A point of entry registered on this node' })
  @IsString()
  @Matches(POINT_OF_ENTRY_CODE, { message: 'pointOfEntry must be a point-of-entry code like TH-ARANYAPRATHET' })
  readonly pointOfEntry!: string;

  @ApiProperty({ enum: DIRECTIONS, example: 'entry' })
  @IsIn(DIRECTIONS)
  readonly direction!: Direction;

  @ApiProperty({ enum: CHANNELS, example: 'border-pass' })
  @IsIn(CHANNELS)
  readonly channel!: Channel;

  @ApiProperty({ enum: PURPOSES, example: 'trade' })
  @IsIn(PURPOSES)
  readonly purpose!: Purpose;

  @ApiProperty({ example: 'KH', description: 'ISO 3166-1 alpha-2' })
  @IsIn(ISO_COUNTRIES, { message: 'nationality must be an ISO 3166-1 alpha-2 code' })
  readonly nationality!: string;

  @ApiProperty({ enum: SEXES, example: 'female' })
  @IsIn(SEXES)
  readonly sex!: Sex;

  @ApiPropertyOptional({ enum: AGE_BANDS, example: '25-34', description: 'Required unless dateOfBirth is given' })
  @ValidateIf((o: RecordCrossingDto) => o.ageBand !== undefined || o.dateOfBirth === undefined)
  @IsIn(AGE_BANDS)
  readonly ageBand?: AgeBand;

  @ApiPropertyOptional({ example: '1990-04-01', format: 'date', description: 'Turned into the age band; kept only sealed' })
  @OptionalField()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a calendar date' })
  readonly dateOfBirth?: string;

  @ApiProperty({ example: '2026-11-23T08:00:00.000+07:00', description: 'With its offset: the local day gives the age band' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'occurredAt must carry a time zone' })
  readonly occurredAt!: string;

  @ApiPropertyOptional({ type: () => BorderPassDto, description: 'Channel border-pass only' })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => BorderPassDto)
  readonly borderPass?: BorderPassDto;

  @ApiPropertyOptional({ enum: VISA_TYPES, example: 'tourist', description: 'Channel passport-visa only' })
  @OptionalField()
  @IsIn(VISA_TYPES)
  readonly visaType?: VisaType;

  @ApiPropertyOptional({ example: '0f6f7c1e-2b55-4c1b-9a8e-5d0a3c2b1f00', description: 'Shared by people crossing together' })
  @OptionalField()
  @IsUUID()
  readonly groupId?: string;

  @ApiPropertyOptional({ example: '11111111-1111-4111-8111-111111111111', description: "A child's crossing: the guardian's crossing" })
  @OptionalField()
  @IsUUID()
  readonly guardianCrossingId?: string;

  @ApiPropertyOptional({ enum: [true], example: true, description: "A child's crossing: the child travels without a guardian" })
  @OptionalField()
  @Equals(true, { message: 'unaccompanied must be true when given' })
  readonly unaccompanied?: true;

  @ApiPropertyOptional({ type: () => TravellerDocumentDto, description: 'Becomes travellerRef and sealed identity' })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => TravellerDocumentDto)
  readonly traveller?: TravellerDocumentDto;
}

/** Body of `POST /crossings/:crossingId/void`. */
export class VoidCrossingDto {
  @ApiProperty({ example: 'Recorded twice', minLength: 3, maxLength: 500 })
  @IsString()
  @Length(3, 500)
  readonly reason!: string;
}
