import type { AgeBand } from '../reference/codes';
import type { PolicyRef } from '../policy/policy.types';
import type { Pathway, Symptom, TestResult, TestType, VaccineProduct } from './screening.codes';

/** Screening starts for a crossing. No identity: the crossing id links it, the age band is enough. */
export interface ScreeningStartedData {
  readonly crossingId: string;
  readonly pointOfEntry: string;
  readonly ageBand: AgeBand;
  /** When the traveller crossed (ISO 8601): selects the policy in force. */
  readonly crossedAt: string;
}

export interface CountryVisit {
  readonly country: string;
  /** First and last day there (YYYY-MM-DD). */
  readonly from: string;
  readonly to: string;
}

export interface HealthDeclaredData {
  readonly crossingId: string;
  readonly symptoms: readonly Symptom[];
  readonly countriesVisited: readonly CountryVisit[];
  readonly contactWithCase: boolean;
}

export interface TemperatureRecordedData {
  readonly crossingId: string;
  readonly celsius: number;
}

/** The pathway a traveller follows, and why, under the policy in force. */
export interface PathwayAssignedData {
  readonly crossingId: string;
  readonly pathway: Pathway;
  readonly reasons: readonly string[];
  readonly policy: PolicyRef;
}

export interface TestRecordedData {
  readonly crossingId: string;
  readonly testType: TestType;
  readonly result: TestResult;
  readonly laboratory: string;
}

export interface VaccinationRecordedData {
  readonly crossingId: string;
  readonly doses: number;
  readonly product: VaccineProduct;
  /** Dates of the doses (YYYY-MM-DD), oldest first. */
  readonly doseDates: readonly string[];
  readonly verified: boolean;
}

/** Cleared, quarantine for N days, isolation, or referral for care, each with its reasons. */
export type ScreeningOutcome =
  | { readonly category: 'cleared'; readonly reasons: readonly string[] }
  | { readonly category: 'quarantine'; readonly days: number; readonly reasons: readonly string[] }
  | { readonly category: 'isolation'; readonly reasons: readonly string[] }
  | { readonly category: 'referral-for-care'; readonly reasons: readonly string[] };

export interface OutcomeDecidedData {
  readonly crossingId: string;
  readonly pathway: Pathway;
  readonly outcome: ScreeningOutcome;
  /** The policy (id and version) that decided it. */
  readonly policy: PolicyRef;
}

export const SCREENING_STARTED = 'points-of-entry.screening-started.v1';
export const HEALTH_DECLARED = 'points-of-entry.health-declared.v1';
export const TEMPERATURE_RECORDED = 'points-of-entry.temperature-recorded.v1';
export const SCREENING_PATHWAY_ASSIGNED = 'points-of-entry.screening-pathway-assigned.v1';
export const SCREENING_TEST_RECORDED = 'points-of-entry.screening-test-recorded.v1';
export const VACCINATION_RECORDED = 'points-of-entry.vaccination-certificate-recorded.v1';
export const SCREENING_OUTCOME_DECIDED = 'points-of-entry.screening-outcome-decided.v1';

/** Events of a screening stream; type names are stable and versioned. */
export type ScreeningEvent =
  | { readonly type: typeof SCREENING_STARTED; readonly data: ScreeningStartedData }
  | { readonly type: typeof HEALTH_DECLARED; readonly data: HealthDeclaredData }
  | { readonly type: typeof TEMPERATURE_RECORDED; readonly data: TemperatureRecordedData }
  | { readonly type: typeof SCREENING_PATHWAY_ASSIGNED; readonly data: PathwayAssignedData }
  | { readonly type: typeof SCREENING_TEST_RECORDED; readonly data: TestRecordedData }
  | { readonly type: typeof VACCINATION_RECORDED; readonly data: VaccinationRecordedData }
  | { readonly type: typeof SCREENING_OUTCOME_DECIDED; readonly data: OutcomeDecidedData };

export const SCREENING_EVENT_TYPES: readonly ScreeningEvent['type'][] = [
  SCREENING_STARTED,
  HEALTH_DECLARED,
  TEMPERATURE_RECORDED,
  SCREENING_PATHWAY_ASSIGNED,
  SCREENING_TEST_RECORDED,
  VACCINATION_RECORDED,
  SCREENING_OUTCOME_DECIDED,
];

const TYPES: ReadonlySet<string> = new Set(SCREENING_EVENT_TYPES);
/** True for the events of a screening stream (policy streams share the `screening-` prefix; types do not). */
export const isScreeningEvent = (event: { readonly type: string }): event is ScreeningEvent => TYPES.has(event.type);

/** Stream of the screening of one crossing. */
export const screeningStream = (crossingId: string): string => `screening-${crossingId}`;
