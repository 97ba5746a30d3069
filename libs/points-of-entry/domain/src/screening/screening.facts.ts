import { assertNever } from '../shared/rule-violation';
import type { AgeBand } from '../reference/codes';
import {
  HEALTH_DECLARED,
  SCREENING_OUTCOME_DECIDED,
  SCREENING_PATHWAY_ASSIGNED,
  SCREENING_STARTED,
  SCREENING_TEST_RECORDED,
  TEMPERATURE_RECORDED,
  VACCINATION_RECORDED,
  type CountryVisit,
  type ScreeningEvent,
  type TestRecordedData,
  type VaccinationRecordedData,
} from './screening.events';
import type { Symptom } from './screening.codes';

/** Everything observed about a traveller during screening: the input of `evaluate`. */
export interface ScreeningFacts {
  readonly crossingId: string;
  readonly pointOfEntry: string;
  readonly ageBand: AgeBand;
  readonly crossedAt: string;
  readonly declaration: {
    readonly symptoms: readonly Symptom[];
    readonly countriesVisited: readonly CountryVisit[];
    readonly contactWithCase: boolean;
  } | null;
  readonly temperatureCelsius: number | null;
  /** In the order recorded; a retest after an invalid result is another entry. */
  readonly tests: readonly TestRecordedData[];
  readonly vaccination: VaccinationRecordedData | null;
}

/** Adds what one event observed; decisions (pathway, outcome) add no facts. */
export function addFact(facts: ScreeningFacts | null, event: ScreeningEvent): ScreeningFacts | null {
  if (event.type === SCREENING_STARTED) {
    const { crossingId, pointOfEntry, ageBand, crossedAt } = event.data;
    return { crossingId, pointOfEntry, ageBand, crossedAt, declaration: null, temperatureCelsius: null, tests: [], vaccination: null };
  }
  if (!facts) return null;
  switch (event.type) {
    case HEALTH_DECLARED: {
      const { symptoms, countriesVisited, contactWithCase } = event.data;
      return { ...facts, declaration: { symptoms, countriesVisited, contactWithCase } };
    }
    case TEMPERATURE_RECORDED:
      return { ...facts, temperatureCelsius: event.data.celsius };
    case SCREENING_TEST_RECORDED:
      return { ...facts, tests: [...facts.tests, event.data] };
    case VACCINATION_RECORDED:
      return { ...facts, vaccination: event.data };
    case SCREENING_PATHWAY_ASSIGNED:
    case SCREENING_OUTCOME_DECIDED:
      return facts;
    default:
      return assertNever(event);
  }
}

/** The facts of a screening stream, or null when it has not started. */
export function screeningFacts(events: readonly ScreeningEvent[]): ScreeningFacts | null {
  return events.reduce<ScreeningFacts | null>(addFact, null);
}

/** The calendar day of the crossing as recorded at the post (YYYY-MM-DD of the local time). */
export const crossingDay = (facts: { readonly crossedAt: string }): string => facts.crossedAt.slice(0, 10);

/** Whole days from `earlier` to `later` (both YYYY-MM-DD). */
export function daysBetween(earlier: string, later: string): number {
  return Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000);
}
