import type { AgeBand, ScreeningOutcome, TestingRequiredFor } from '@border-ledger/points-of-entry-domain';
import type { CapacityCategory } from '../centre/centre.codes';
import type { Measure } from '../stay/stay.events';

/**
 * Days of isolation when a screening outcome says "isolation": screening policies state quarantine
 * days but no isolation length, so the quarantine service applies this documented default
 * (ADR 0008); staff may release later, never earlier.
 */
export const DEFAULT_ISOLATION_DAYS = 10;

/** Age bands of children: they are quarantined in places for children with a guardian. */
export const CHILD_AGE_BANDS: readonly AgeBand[] = ['0-4', '5-11', '12-17'];

/** What an admission ordered by a screening outcome is: measure, length, place, release condition. */
export interface AdmissionTerms {
  readonly measure: Measure;
  readonly days: number;
  readonly category: CapacityCategory;
  readonly requiresNegativeTest: boolean;
}

/**
 * The place an admission needs: isolation → an isolation room; quarantine of a child → a place for
 * children with a guardian; otherwise an adult place. Families are admitted by hand only.
 */
export function admissionCategory(measure: Measure, ageBand: AgeBand | null): CapacityCategory {
  if (measure === 'isolation') return 'isolation-rooms';
  return ageBand !== null && CHILD_AGE_BANDS.includes(ageBand) ? 'children-with-guardian' : 'adults';
}

/**
 * The terms of the admission a screening outcome orders, or null when it orders none (cleared,
 * referral for care). Release needs a negative test after isolation always, and after quarantine
 * when the policy tests travellers without symptoms (`testing.requiredFor` other than
 * `symptomatic-only`); when the policy is unknown here, a negative test is required (the safe side).
 */
export function admissionTerms(outcome: ScreeningOutcome, ageBand: AgeBand | null, testingRequiredFor: TestingRequiredFor | null): AdmissionTerms | null {
  switch (outcome.category) {
    case 'quarantine':
      return {
        measure: 'quarantine',
        days: outcome.days,
        category: admissionCategory('quarantine', ageBand),
        requiresNegativeTest: testingRequiredFor !== 'symptomatic-only',
      };
    case 'isolation':
      return { measure: 'isolation', days: DEFAULT_ISOLATION_DAYS, category: 'isolation-rooms', requiresNegativeTest: true };
    case 'cleared':
    case 'referral-for-care':
      return null;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}
