import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import {
  GMS_COUNTRIES,
  POE_KINDS,
  POINT_OF_ENTRY_CODE,
  WEEKDAYS,
  type GmsCountry,
  type PointOfEntryKind,
} from '@border-ledger/points-of-entry-domain';
import { OptionalField, PRINTABLE } from '@border-ledger/platform';

const OPENS = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const CLOSES = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const CODE_MESSAGE = 'must be a point-of-entry code like TH-ARANYAPRATHET';

/** Opening of one day, in the post's local time. */
export class DayHoursDto {
  @ApiProperty({ example: '06:00', description: 'HH:MM, local time of the post' })
  @IsString()
  @Matches(OPENS, { message: 'opens must be HH:MM' })
  readonly opens!: string;

  @ApiProperty({ example: '22:00', description: 'HH:MM or 24:00, after opens' })
  @IsString()
  @Matches(CLOSES, { message: 'closes must be HH:MM or 24:00' })
  readonly closes!: string;
}

const day = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: () => DayHoursDto, nullable: true, description: 'null: closed that day' }),
    ValidateIf((_o, value) => value !== null),
    IsObject(),
    ValidateNested(),
    Type(() => DayHoursDto),
  );

/** Hours per weekday; every day is stated, `null` when closed. */
export class WeekHoursDto {
  @day() readonly mon!: DayHoursDto | null;
  @day() readonly tue!: DayHoursDto | null;
  @day() readonly wed!: DayHoursDto | null;
  @day() readonly thu!: DayHoursDto | null;
  @day() readonly fri!: DayHoursDto | null;
  @day() readonly sat!: DayHoursDto | null;
  @day() readonly sun!: DayHoursDto | null;
}

/** `{ "kind": "24h" }`, or `{ "kind": "weekly", "days": { "mon": {…}, …, "sun": null } }`. */
export class OpeningHoursDto {
  @ApiProperty({ enum: ['24h', 'weekly'], example: 'weekly' })
  @IsIn(['24h', 'weekly'])
  readonly kind!: '24h' | 'weekly';

  @ApiPropertyOptional({ type: () => WeekHoursDto, description: 'Required for weekly, absent for 24h' })
  @ValidateIf((o: OpeningHoursDto) => o.kind !== '24h' || o.days !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => WeekHoursDto)
  readonly days?: WeekHoursDto;
}

const EXAMPLE_HOURS = {
  kind: 'weekly',
  days: Object.fromEntries(WEEKDAYS.map((d) => [d, d === 'sun' ? null : { opens: '06:00', closes: '22:00' }])),
};

const hoursProperty = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: () => OpeningHoursDto, example: EXAMPLE_HOURS }),
    IsObject(),
    ValidateNested(),
    Type(() => OpeningHoursDto),
  );

/** Body of `POST /points-of-entry`. */
export class RegisterPointOfEntryDto {
  @ApiProperty({ example: 'TH-ARANYAPRATHET', description: '<country>-<NAME>, capitals, digits and hyphens' })
  @IsString()
  @Matches(POINT_OF_ENTRY_CODE, { message: `code ${CODE_MESSAGE}` })
  readonly code!: string;

  @ApiProperty({ example: 'Aranyaprathet' })
  @IsString()
  @Length(2, 120)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  readonly name!: string;

  @ApiProperty({ enum: GMS_COUNTRIES, example: 'TH' })
  @IsIn(GMS_COUNTRIES)
  readonly country!: GmsCountry;

  @ApiProperty({ enum: POE_KINDS, example: 'land' })
  @IsIn(POE_KINDS)
  readonly kind!: PointOfEntryKind;

  @ApiProperty({ example: 'KH-POIPET', nullable: true, description: 'The point of entry across the border, or null' })
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @Matches(POINT_OF_ENTRY_CODE, { message: `pairedWith ${CODE_MESSAGE}, or null` })
  readonly pairedWith!: string | null;

  @hoursProperty()
  readonly hours!: OpeningHoursDto;
}

/** Body of `POST /points-of-entry/:code/hours`. */
export class ChangePointOfEntryHoursDto {
  @hoursProperty()
  readonly hours!: OpeningHoursDto;
}

/** Query of `GET /points-of-entry`. */
export class ListPointsOfEntryQuery {
  @ApiPropertyOptional({ enum: GMS_COUNTRIES, example: 'TH' })
  @OptionalField()
  @IsIn(GMS_COUNTRIES)
  readonly country?: GmsCountry;

  @ApiPropertyOptional({ enum: POE_KINDS, example: 'land' })
  @OptionalField()
  @IsIn(POE_KINDS)
  readonly kind?: PointOfEntryKind;
}
