import { ApiProperty } from '@nestjs/swagger';
import { IsMeasurement } from '@border-ledger/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ISO_COUNTRIES,
  POSITIVE_TEST_OUTCOMES,
  SYMPTOMS,
  TEST_TYPES,
  TESTING_REQUIRED_FOR,
  VACCINE_PRODUCTS,
  type PositiveTestOutcome,
  type Symptom,
  type TestingRequiredFor,
  type TestType,
  type VaccineProduct,
} from '@border-ledger/points-of-entry-domain';

/** Quarantine or isolation days: 0 to 60. */
const Days = (max = 60): PropertyDecorator => (target, key) => {
  IsInt()(target, key);
  Min(0)(target, key);
  Max(max)(target, key);
};
/** A required nested object of the given class. */
const Nested = (type: () => new () => object): PropertyDecorator => (target, key) => {
  IsDefined()(target, key);
  IsObject()(target, key);
  ValidateNested()(target, key);
  Type(type)(target, key);
};

export class SymptomRulesDto {
  @ApiProperty({ enum: SYMPTOMS, isArray: true, example: ['fever', 'cough', 'sore-throat', 'shortness-of-breath'] })
  @IsArray() @ArrayMaxSize(SYMPTOMS.length) @IsIn(SYMPTOMS, { each: true })
  readonly watched!: Symptom[];

  @ApiProperty({ enum: SYMPTOMS, isArray: true, example: ['shortness-of-breath', 'confusion'] })
  @IsArray() @ArrayMaxSize(SYMPTOMS.length) @IsIn(SYMPTOMS, { each: true })
  readonly referForCare!: Symptom[];

  @ApiProperty({ example: 0, minimum: 0, maximum: 60 })
  @Days()
  readonly negativeTestQuarantineDays!: number;
}

export class TemperatureRulesDto {
  @ApiProperty({ example: 37.5, minimum: 36, maximum: 40 })
  @IsMeasurement(1) @Min(36) @Max(40)
  readonly feverAtOrAboveCelsius!: number;
}

export class TestingRulesDto {
  @ApiProperty({ enum: TESTING_REQUIRED_FOR, example: 'not-fully-vaccinated' })
  @IsIn(TESTING_REQUIRED_FOR)
  readonly requiredFor!: TestingRequiredFor;

  @ApiProperty({ enum: TEST_TYPES, isArray: true, example: ['rapid-antigen', 'pcr'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(TEST_TYPES.length) @IsIn(TEST_TYPES, { each: true })
  readonly acceptedTypes!: TestType[];

  @ApiProperty({ enum: POSITIVE_TEST_OUTCOMES, example: 'isolation' })
  @IsIn(POSITIVE_TEST_OUTCOMES)
  readonly positiveOutcome!: PositiveTestOutcome;

  @ApiProperty({ example: 7, minimum: 0, maximum: 60 })
  @Days()
  readonly untestedQuarantineDays!: number;
}

export class VaccinationRulesDto {
  @ApiProperty({ example: 2, minimum: 1, maximum: 10 })
  @IsInt() @Min(1) @Max(10)
  readonly fullyVaccinatedDoses!: number;

  @ApiProperty({ enum: VACCINE_PRODUCTS, isArray: true, example: ['comirnaty', 'coronavac', 'vaxzevria', 'covilo'] })
  @IsArray() @ArrayMaxSize(VACCINE_PRODUCTS.length) @IsIn(VACCINE_PRODUCTS, { each: true })
  readonly acceptedProducts!: VaccineProduct[];

  @ApiProperty({ example: true })
  @IsBoolean()
  readonly verifiedCertificateRequired!: boolean;

  @ApiProperty({ example: 14, minimum: 0, maximum: 365 })
  @Days(365)
  readonly daysAfterLastDose!: number;

  @ApiProperty({ example: 0, description: '0: fully vaccinated travellers are exempt; 1: one day of quarantine' })
  @Days()
  readonly fullyVaccinatedQuarantineDays!: number;

  @ApiProperty({ example: 0 })
  @Days()
  readonly notFullyVaccinatedQuarantineDays!: number;
}

export class CategoryConditionDto {
  @ApiProperty({ example: 'ageBand', description: 'The only category attribute is ageBand: nationality or purpose of travel are refused (422 policy-discriminates)' })
  @IsString() @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,40}$/, { message: 'attribute must be an attribute name' })
  readonly attribute!: string;

  @ApiProperty({ type: [String], example: ['0-4', '5-11'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @Matches(/^[A-Za-z0-9+_.-]{1,20}$/, { each: true })
  readonly in!: string[];
}

export class CategoryRuleDto {
  @ApiProperty({ type: () => CategoryConditionDto })
  @Nested(() => CategoryConditionDto)
  readonly when!: CategoryConditionDto;

  @ApiProperty({ example: true })
  @IsBoolean()
  readonly exemptFromTesting!: boolean;

  @ApiProperty({ example: true })
  @IsBoolean()
  readonly exemptFromQuarantine!: boolean;
}

export class CountriesVisitedRuleDto {
  @ApiProperty({ type: [String], example: ['MM'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsIn(ISO_COUNTRIES, { each: true, message: 'countries must be ISO 3166-1 alpha-2 codes' })
  readonly countries!: string[];

  @ApiProperty({ example: 14, minimum: 0, maximum: 365 })
  @Days(365)
  readonly withinDays!: number;

  @ApiProperty({ example: 10 })
  @Days()
  readonly quarantineDays!: number;
}

export class ContactRulesDto {
  @ApiProperty({ example: 14 })
  @Days()
  readonly quarantineDays!: number;
}

/** The rules of a screening policy; the same for every category of traveller. */
export class ScreeningPolicyRulesDto {
  @ApiProperty({ type: () => SymptomRulesDto }) @Nested(() => SymptomRulesDto)
  readonly symptoms!: SymptomRulesDto;

  @ApiProperty({ type: () => TemperatureRulesDto }) @Nested(() => TemperatureRulesDto)
  readonly temperature!: TemperatureRulesDto;

  @ApiProperty({ type: () => TestingRulesDto }) @Nested(() => TestingRulesDto)
  readonly testing!: TestingRulesDto;

  @ApiProperty({ type: () => VaccinationRulesDto }) @Nested(() => VaccinationRulesDto)
  readonly vaccination!: VaccinationRulesDto;

  @ApiProperty({ type: () => [CategoryRuleDto], description: 'Age rules, e.g. children under 12 exempt from testing' })
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => CategoryRuleDto)
  readonly categoryRules!: CategoryRuleDto[];

  @ApiProperty({ type: () => [CountriesVisitedRuleDto] })
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => CountriesVisitedRuleDto)
  readonly countriesVisited!: CountriesVisitedRuleDto[];

  @ApiProperty({ type: () => ContactRulesDto }) @Nested(() => ContactRulesDto)
  readonly contactWithCase!: ContactRulesDto;
}
