import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsUUID, Matches, Max, Min } from 'class-validator';
import { SYMPTOMS, TEST_RESULTS, TEST_TYPES, type Symptom, type TestResult, type TestType } from '@border-ledger/points-of-entry-domain';
import { CAPACITY_CATEGORIES, MAX_STAY_DAYS, type CapacityCategory, type Measure } from '@border-ledger/quarantine-domain';
import { IsMeasurement, OptionalField } from '@border-ledger/platform';
import { CENTRE_CODE, CENTRE_CODE_MESSAGE } from '../centre/centre.dto';

const ZONED_INSTANT = /(Z|[+-]\d{2}:\d{2})$/;
const MEASURES: readonly Measure[] = ['quarantine', 'isolation'];

/** An ISO 8601 instant with its time zone, e.g. `2026-11-23T16:00:00+07:00`. */
const Instant = (name: string, example: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ example, description: 'ISO 8601 with a time zone' }),
    IsISO8601({ strict: true, strictSeparator: true }, { message: `${name} must be an ISO 8601 instant` }),
    Matches(ZONED_INSTANT, { message: `${name} must carry a time zone` }),
  );

/** Body of `POST /quarantine/stays`: a manual admission (terms default to the capacity alert's). */
export class AdmitStayDto {
  @ApiProperty({ format: 'uuid', example: '5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a' })
  @IsUUID()
  readonly crossingId!: string;

  @ApiProperty({ example: 'TH-SAKAEO-1' })
  @Matches(CENTRE_CODE, { message: `centre ${CENTRE_CODE_MESSAGE}` })
  readonly centre!: string;

  @Instant('admittedAt', '2026-11-23T16:00:00+07:00')
  readonly admittedAt!: string;

  @ApiPropertyOptional({
    example: '2026-11-23T09:30:00+07:00',
    description: 'When the measure began, if before the admission (the arrival at the border); the days count from it. Default: the capacity alert’s, else admittedAt',
  })
  @OptionalField()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'countedFrom must be an ISO 8601 instant' })
  @Matches(ZONED_INSTANT, { message: 'countedFrom must carry a time zone' })
  readonly countedFrom?: string;

  @ApiPropertyOptional({ enum: CAPACITY_CATEGORIES, description: 'Default: the capacity alert’s' })
  @OptionalField()
  @IsIn(CAPACITY_CATEGORIES)
  readonly category?: CapacityCategory;

  @ApiPropertyOptional({ enum: MEASURES })
  @OptionalField()
  @IsIn(MEASURES)
  readonly measure?: Measure;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_STAY_DAYS, example: 10 })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(MAX_STAY_DAYS)
  readonly days?: number;

  @ApiPropertyOptional({ example: true, description: 'Release only after a negative test' })
  @OptionalField()
  @IsBoolean()
  readonly requiresNegativeTest?: boolean;
}

/** Body of `POST /quarantine/stays/:crossingId/daily-checks`. */
export class DailyCheckDto {
  @ApiProperty({ example: '2026-11-24', description: 'The day of the check (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'date must be a date YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date YYYY-MM-DD' })
  readonly date!: string;

  @ApiProperty({ enum: SYMPTOMS, isArray: true, example: [] })
  @IsArray()
  @ArrayMaxSize(SYMPTOMS.length)
  @IsIn(SYMPTOMS, { each: true })
  readonly symptoms!: Symptom[];

  @ApiProperty({ example: 36.8, minimum: 30, maximum: 45 })
  @IsMeasurement(2)
  @Min(30)
  @Max(45)
  readonly celsius!: number;
}

/** Body of `POST /quarantine/stays/:crossingId/tests`. */
export class StayTestDto {
  @ApiProperty({ enum: TEST_TYPES, example: 'pcr' })
  @IsIn(TEST_TYPES)
  readonly testType!: TestType;

  @ApiProperty({ enum: TEST_RESULTS, example: 'negative' })
  @IsIn(TEST_RESULTS)
  readonly result!: TestResult;

  @Instant('takenAt', '2026-12-02T08:00:00+07:00')
  readonly takenAt!: string;
}

export class ReleaseStayDto {
  @Instant('releasedAt', '2026-12-03T10:00:00+07:00')
  readonly releasedAt!: string;
}

export class TransferStayDto {
  @ApiProperty({ example: 'TH-SAKAEO-2' })
  @Matches(CENTRE_CODE, { message: `to ${CENTRE_CODE_MESSAGE}` })
  readonly to!: string;

  @Instant('transferredAt', '2026-11-25T10:00:00+07:00')
  readonly transferredAt!: string;
}

export class AbscondStayDto {
  @Instant('abscondedAt', '2026-11-26T07:00:00+07:00')
  readonly abscondedAt!: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const Day = (name: string, required: boolean): PropertyDecorator =>
  applyDecorators(
    required ? ApiProperty({ example: '2026-11-24', description: 'UTC day (YYYY-MM-DD)' }) : ApiPropertyOptional({ example: '2026-11-24' }),
    ...(required ? [] : [OptionalField()]),
    IsISO8601({ strict: true }, { message: `${name} must be a date YYYY-MM-DD` }),
    Matches(DAY, { message: `${name} must be a date YYYY-MM-DD` }),
  );
const CentreFilter = (): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ example: 'TH-SAKAEO-1' }), OptionalField(), Matches(CENTRE_CODE, { message: `centre ${CENTRE_CODE_MESSAGE}` }));

/** Query of `GET /quarantine/occupancy`. */
export class OccupancyQuery {
  @Day('date', true)
  readonly date!: string;

  @CentreFilter()
  readonly centre?: string;
}

/** Query of `GET /quarantine/expected-releases`. */
export class ExpectedReleasesQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_STAY_DAYS, default: 7 })
  @OptionalField()
  @Matches(/^\d{1,2}$/, { message: `days must be a whole number from 1 to ${MAX_STAY_DAYS}` })
  readonly days?: string;
}

/** Query of `GET /quarantine/bed-days`: a period of at most a year. */
export class BedDaysQuery {
  @Day('from', true)
  readonly from!: string;

  @Day('to', true)
  readonly to!: string;

  @CentreFilter()
  readonly centre?: string;
}
