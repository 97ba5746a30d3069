import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ISO_COUNTRIES } from '@border-ledger/points-of-entry-domain';
import { PRINTABLE } from '@border-ledger/platform';

/** `<country>-<NAME>`: capitals, digits and hyphens (the domain's rule, checked at the edge). */
export const CENTRE_CODE = /^[A-Z]{2}-[A-Z0-9-]{2,40}$/;
export const CENTRE_CODE_MESSAGE = 'must be a centre code like TH-TAK-MAESOT-1';
const MAX_PLACES = 100_000;

const places = (example: number): PropertyDecorator =>
  applyDecorators(ApiProperty({ example, minimum: 0, maximum: MAX_PLACES }), IsInt(), Min(0), Max(MAX_PLACES));

/** Places by category; every category is stated, 0 when the centre does not offer it. */
export class CapacityDto {
  @places(40) readonly adults!: number;
  @places(10) readonly families!: number;
  @places(6) readonly 'isolation-rooms'!: number;
  @places(8) readonly 'children-with-guardian'!: number;
}

const capacityProperty = (): PropertyDecorator =>
  applyDecorators(ApiProperty({ type: () => CapacityDto }), IsObject(), ValidateNested(), Type(() => CapacityDto));

/** Body of `POST /quarantine/centres`. */
export class RegisterCentreDto {
  @ApiProperty({ example: 'TH-TAK-MAESOT-1', description: '<country>-<NAME>, capitals, digits and hyphens' })
  @IsString()
  @Matches(CENTRE_CODE, { message: `code ${CENTRE_CODE_MESSAGE}` })
  readonly code!: string;

  @ApiProperty({ example: 'Mae Sot field hospital' })
  @IsString()
  @Length(2, 120)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  readonly name!: string;

  @ApiProperty({ example: 'TH', description: 'ISO 3166-1 alpha-2; the code starts with it' })
  @IsIn(ISO_COUNTRIES)
  readonly country!: string;

  @ApiProperty({ example: 'Tak' })
  @IsString()
  @Length(1, 120)
  @Matches(PRINTABLE, { message: 'province must not contain control characters' })
  readonly province!: string;

  @capacityProperty()
  readonly capacity!: CapacityDto;
}

/** Body of `POST /quarantine/centres/:code/capacity`: the whole capacity afterwards. */
export class ChangeCentreCapacityDto {
  @capacityProperty()
  readonly capacity!: CapacityDto;
}

/** Query of `GET /quarantine/centres`. */
export class ListCentresQuery {
  @ApiPropertyOptional({ example: 'TH' })
  @ValidateIf((_o, value) => value !== undefined)
  @IsIn(ISO_COUNTRIES)
  readonly country?: string;

  @ApiPropertyOptional({ example: 'Tak' })
  @ValidateIf((_o, value) => value !== undefined)
  @IsString()
  @Length(1, 120)
  readonly province?: string;
}
