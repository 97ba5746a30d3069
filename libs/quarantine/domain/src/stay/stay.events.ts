import type { Symptom, TestResult, TestType } from '@border-ledger/points-of-entry-domain';
import type { CapacityCategory } from '../centre/centre.codes';

export type Measure = 'quarantine' | 'isolation';

export interface StayAdmittedData {
  readonly crossingId: string;
  readonly centre: string;
  readonly category: CapacityCategory;
  readonly measure: Measure;
  readonly days: number;
  readonly requiresNegativeTest: boolean;
  /** ISO 8601 with offset. */
  readonly admittedAt: string;
  /**
   * When the measure began, if before the admission: the traveller's arrival at the border for an
   * admission the process manager made. The days count from here; absent, from `admittedAt`.
   */
  readonly countedFrom?: string;
}

export interface DailyCheckRecordedData {
  readonly crossingId: string;
  /** The local day of the check (YYYY-MM-DD). */
  readonly date: string;
  readonly symptoms: readonly Symptom[];
  readonly celsius: number;
}

export interface StayTestRecordedData {
  readonly crossingId: string;
  readonly testType: TestType;
  readonly result: TestResult;
  readonly takenAt: string;
}

export interface StayReleasedData {
  readonly crossingId: string;
  readonly centre: string;
  readonly releasedAt: string;
}

export interface StayTransferredData {
  readonly crossingId: string;
  readonly from: string;
  readonly to: string;
  readonly category: CapacityCategory;
  readonly transferredAt: string;
}

export interface StayAbscondedData {
  readonly crossingId: string;
  readonly centre: string;
  /** When the absence was found. */
  readonly abscondedAt: string;
}

/** No centre had a free place of the category: the traveller awaits one, and health officials are told. */
export interface CapacityAlertRaisedData {
  readonly crossingId: string;
  readonly category: CapacityCategory;
  readonly measure: Measure;
  readonly days: number;
  readonly requiresNegativeTest: boolean;
  /** Where the traveller was screened, and its province (placement looks there first). */
  readonly pointOfEntry: string;
  readonly country: string;
  readonly province: string;
  readonly raisedAt: string;
  /** When the measure began (the arrival at the border), carried to the admission that follows. */
  readonly countedFrom?: string;
}

export const CAPACITY_ALERT_RAISED = 'quarantine.capacity-alert-raised.v1';
export const STAY_ADMITTED = 'quarantine.stay-admitted.v1';
export const DAILY_CHECK_RECORDED = 'quarantine.daily-check-recorded.v1';
export const STAY_TEST_RECORDED = 'quarantine.stay-test-recorded.v1';
export const STAY_RELEASED = 'quarantine.stay-released.v1';
export const STAY_TRANSFERRED = 'quarantine.stay-transferred.v1';
export const STAY_ABSCONDED = 'quarantine.stay-absconded.v1';

/** Events of a stay stream; type names are stable and versioned. */
export type StayEvent =
  | { readonly type: typeof CAPACITY_ALERT_RAISED; readonly data: CapacityAlertRaisedData }
  | { readonly type: typeof STAY_ADMITTED; readonly data: StayAdmittedData }
  | { readonly type: typeof DAILY_CHECK_RECORDED; readonly data: DailyCheckRecordedData }
  | { readonly type: typeof STAY_TEST_RECORDED; readonly data: StayTestRecordedData }
  | { readonly type: typeof STAY_RELEASED; readonly data: StayReleasedData }
  | { readonly type: typeof STAY_TRANSFERRED; readonly data: StayTransferredData }
  | { readonly type: typeof STAY_ABSCONDED; readonly data: StayAbscondedData };

export const STAY_EVENT_TYPES: readonly StayEvent['type'][] = [
  CAPACITY_ALERT_RAISED,
  STAY_ADMITTED,
  DAILY_CHECK_RECORDED,
  STAY_TEST_RECORDED,
  STAY_RELEASED,
  STAY_TRANSFERRED,
  STAY_ABSCONDED,
];

/** Stream of the stay of one crossing: a replayed screening outcome finds it already admitted. */
export const stayStream = (crossingId: string): string => `stay-${crossingId}`;
