import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AGE_BANDS,
  ISO_COUNTRIES,
  LABORATORY_CODE,
  POINT_OF_ENTRY_CODE,
  SYMPTOMS,
  TEMPERATURE_RANGE,
  TEST_RESULTS,
  TEST_TYPES,
  VACCINE_PRODUCTS,
  type AgeBand,
  type Symptom,
  type TestResult,
  type TestType,
  type VaccineProduct,
} from '@border-ledger/points-of-entry-domain';
import { ZONED_INSTANT } from '../policy/policy.dto';
import { IsMeasurement, OptionalField } from '@border-ledger/platform';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DayField = (name: string, each = false): PropertyDecorator => (target, key) => {
  IsISO8601({ strict: true }, { each })(target, key);
  Matches(DAY, { each, message: `${name} must be a date YYYY-MM-DD` })(target, key);
};

/** A client command id in the body: the alternative to the `Idempotency-Key` header. */
export class ClientCommandDto {
  @ApiPropertyOptional({ example: 'post-7-2026-11-23-0042', description: 'Retrying with the same id stores the command once' })
  @OptionalField()
  @Matches(/^[A-Za-z0-9._:-]{8,128}$/, { message: 'commandId must be 8-128 characters of letters, digits, . _ : -' })
  readonly commandId?: string;
}

/** Body of `POST /screenings`: no identity, only the crossing, the post and the age band. */
export class StartScreeningDto {
  @ApiProperty({ format: 'uuid', example: '5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a', description: 'The crossing screened; one screening per crossing' })
  @IsUUID()
  readonly crossingId!: string;

  @ApiProperty({ example: 'TH-MAESOT', pattern: POINT_OF_ENTRY_CODE.source, description: 'A registered point of entry of this node' })
  @Matches(POINT_OF_ENTRY_CODE, { message: 'pointOfEntry must be a point-of-entry code like TH-MAESOT' })
  readonly pointOfEntry!: string;

  @ApiProperty({ enum: AGE_BANDS, example: '25-34' })
  @IsIn(AGE_BANDS)
  readonly ageBand!: AgeBand;

  @ApiProperty({ example: '2026-11-23T08:40:00+07:00', description: 'When the traveller crossed: selects the policy in force' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(ZONED_INSTANT, { message: 'crossedAt must carry a time zone' })
  readonly crossedAt!: string;
}

export class CountryVisitDto {
  @ApiProperty({ example: 'MM' })
  @IsIn(ISO_COUNTRIES, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  readonly country!: string;

  @ApiProperty({ example: '2026-11-02' })
  @DayField('from')
  readonly from!: string;

  @ApiProperty({ example: '2026-11-20' })
  @DayField('to')
  readonly to!: string;
}

/** Body of `POST /screenings/:crossingId/health-declaration`. */
export class HealthDeclarationDto extends ClientCommandDto {
  @ApiProperty({ enum: SYMPTOMS, isArray: true, example: ['cough'] })
  @IsArray()
  @ArrayMaxSize(SYMPTOMS.length)
  @ArrayUnique()
  @IsIn(SYMPTOMS, { each: true })
  readonly symptoms!: Symptom[];

  @ApiProperty({ type: () => [CountryVisitDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CountryVisitDto)
  readonly countriesVisited!: CountryVisitDto[];

  @ApiProperty({ example: false })
  @IsBoolean()
  readonly contactWithCase!: boolean;
}

/** Body of `POST /screenings/:crossingId/temperature`. */
export class TemperatureDto extends ClientCommandDto {
  @ApiProperty({ example: 37.8, minimum: TEMPERATURE_RANGE.min, maximum: TEMPERATURE_RANGE.max })
  @IsMeasurement(1)
  @Min(TEMPERATURE_RANGE.min)
  @Max(TEMPERATURE_RANGE.max)
  readonly celsius!: number;
}

/** Body of `POST /screenings/:crossingId/tests`; a retest after an invalid result is another test. */
export class ScreeningTestDto extends ClientCommandDto {
  @ApiProperty({ enum: TEST_TYPES, example: 'rapid-antigen' })
  @IsIn(TEST_TYPES)
  readonly testType!: TestType;

  @ApiProperty({ enum: TEST_RESULTS, example: 'negative' })
  @IsIn(TEST_RESULTS)
  readonly result!: TestResult;

  @ApiProperty({ example: 'TH-LAB-MAESOT', description: 'Laboratory code: country, then its registry code' })
  @Matches(LABORATORY_CODE, { message: 'laboratory must be a laboratory code like TH-LAB-0012' })
  readonly laboratory!: string;
}

/** Body of `POST /screenings/:crossingId/vaccination-certificate`. */
export class VaccinationCertificateDto extends ClientCommandDto {
  @ApiProperty({ example: 2, minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  readonly doses!: number;

  @ApiProperty({ enum: VACCINE_PRODUCTS, example: 'coronavac' })
  @IsIn(VACCINE_PRODUCTS)
  readonly product!: VaccineProduct;

  @ApiProperty({ type: [String], example: ['2026-03-01', '2026-04-01'], description: 'One date per dose, oldest first' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @DayField('each value in doseDates', true)
  readonly doseDates!: string[];

  @ApiProperty({ example: true, description: 'Whether the certificate was verified (e.g. its signature checked)' })
  @IsBoolean()
  readonly verified!: boolean;
}

/** Body of `POST /screenings/:crossingId/outcome` (may be empty). */
export class DecideOutcomeDto extends ClientCommandDto {}
