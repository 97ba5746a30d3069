import type { Symptom, TestType, VaccineProduct } from '../screening/screening.codes';

/** What a positive test leads to. */
export const POSITIVE_TEST_OUTCOMES = ['isolation', 'referral-for-care'] as const;
export type PositiveTestOutcome = (typeof POSITIVE_TEST_OUTCOMES)[number];

/** Who must be tested besides symptomatic travellers (who always are). */
export const TESTING_REQUIRED_FOR = ['all', 'not-fully-vaccinated', 'symptomatic-only'] as const;
export type TestingRequiredFor = (typeof TESTING_REQUIRED_FOR)[number];

/** The traveller attributes a category rule may name. Nationality and purpose are never among them. */
export const CATEGORY_ATTRIBUTES = ['ageBand'] as const;
export type CategoryAttribute = (typeof CATEGORY_ATTRIBUTES)[number];

export interface SymptomRules {
  /** Declared symptoms that put a traveller on the symptomatic pathway. */
  readonly watched: readonly Symptom[];
  /** Symptoms that call for referral for care whatever a test says. */
  readonly referForCare: readonly Symptom[];
  /** Quarantine days for a symptomatic traveller whose test is negative (0: cleared). */
  readonly negativeTestQuarantineDays: number;
}

export interface TemperatureRules {
  /** A measured temperature at or above this is a fever: the symptomatic pathway. */
  readonly feverAtOrAboveCelsius: number;
}

export interface TestingRules {
  readonly requiredFor: TestingRequiredFor;
  /** Test types whose results count; others are recorded but ignored. */
  readonly acceptedTypes: readonly TestType[];
  readonly positiveOutcome: PositiveTestOutcome;
  /** Quarantine days for an asymptomatic traveller who must be tested and has no counted result. */
  readonly untestedQuarantineDays: number;
}

export interface VaccinationRules {
  /** Doses of an accepted product for "fully vaccinated". */
  readonly fullyVaccinatedDoses: number;
  readonly acceptedProducts: readonly VaccineProduct[];
  /** Whether only a verified certificate counts. */
  readonly verifiedCertificateRequired: boolean;
  /** Days after the last dose before it counts. */
  readonly daysAfterLastDose: number;
  /** Quarantine for an asymptomatic fully vaccinated traveller (0: exempt; 1: one day). */
  readonly fullyVaccinatedQuarantineDays: number;
  /** Quarantine for an asymptomatic traveller who is not fully vaccinated. */
  readonly notFullyVaccinatedQuarantineDays: number;
}

/** A rule for a category of traveller, e.g. children under 12 exempt from testing. */
export interface CategoryRule {
  readonly when: { readonly attribute: string; readonly in: readonly string[] };
  readonly exemptFromTesting: boolean;
  /** Exempt from quarantine for vaccination status or a missing test (exposure still counts). */
  readonly exemptFromQuarantine: boolean;
}

/** Quarantine for travellers who were in listed countries within the last days before crossing. */
export interface CountriesVisitedRule {
  readonly countries: readonly string[];
  readonly withinDays: number;
  readonly quarantineDays: number;
}

export interface ContactRules {
  /** Quarantine days after a declared contact with a case (0: none). */
  readonly quarantineDays: number;
}

/** The rules of a screening policy: data, the same for every category of traveller. */
export interface ScreeningPolicyRules {
  readonly symptoms: SymptomRules;
  readonly temperature: TemperatureRules;
  readonly testing: TestingRules;
  readonly vaccination: VaccinationRules;
  readonly categoryRules: readonly CategoryRule[];
  readonly countriesVisited: readonly CountriesVisitedRule[];
  readonly contactWithCase: ContactRules;
}

/** A published screening policy of a country. */
export interface ScreeningPolicy {
  readonly policyId: string;
  readonly country: string;
  /** Monotonic per country. */
  readonly version: number;
  /** From when it decides outcomes (ISO 8601); never before the previous version's. */
  readonly effectiveFrom: string;
  readonly rules: ScreeningPolicyRules;
}

/** The policy an outcome was decided under. */
export interface PolicyRef {
  readonly policyId: string;
  readonly country: string;
  readonly version: number;
}

export const policyRef = (policy: ScreeningPolicy): PolicyRef => ({
  policyId: policy.policyId,
  country: policy.country,
  version: policy.version,
});
