import type { Symptom, TestResult, TestType } from '@border-ledger/points-of-entry-domain';
import type { CapacityCategory } from '../centre/centre.codes';
import type { CentreState } from '../centre/centre.decider';
import type { CapacityAlertRaisedData, Measure } from './stay.events';

/** No place anywhere: the stay starts as awaiting a place (only before any admission). */
export interface RaiseCapacityAlert {
  readonly kind: 'RaiseCapacityAlert';
  readonly alert: CapacityAlertRaisedData;
}

export interface Admit {
  readonly kind: 'Admit';
  readonly crossingId: string;
  readonly centre: string;
  readonly category: CapacityCategory;
  readonly measure: Measure;
  readonly days: number;
  readonly requiresNegativeTest: boolean;
  readonly admittedAt: string;
  /** When the measure began, if before the admission (see `StayAdmittedData.countedFrom`). */
  readonly countedFrom?: string;
}

export interface RecordDailyCheck {
  readonly kind: 'RecordDailyCheck';
  readonly crossingId: string;
  readonly date: string;
  readonly symptoms: readonly Symptom[];
  readonly celsius: number;
}

export interface RecordStayTest {
  readonly kind: 'RecordStayTest';
  readonly crossingId: string;
  readonly testType: TestType;
  readonly result: TestResult;
  readonly takenAt: string;
}

export interface Release {
  readonly kind: 'Release';
  readonly crossingId: string;
  readonly releasedAt: string;
}

export interface Transfer {
  readonly kind: 'Transfer';
  readonly crossingId: string;
  readonly to: string;
  readonly transferredAt: string;
}

export interface Abscond {
  readonly kind: 'Abscond';
  readonly crossingId: string;
  readonly abscondedAt: string;
}

export type StayCommand = RaiseCapacityAlert | Admit | RecordDailyCheck | RecordStayTest | Release | Transfer | Abscond;

/** What a stay decision needs besides the command and the stay's state. */
export interface StayContext {
  readonly now: Date;
  /** For Admit and Transfer: the state of the receiving centre, folded from its stream by the caller. */
  readonly centre?: CentreState;
  /**
   * For Admit and Transfer: places of the stay's category free at the receiving centre now
   * (capacity minus occupancy, caught up to the log under the service's write lock).
   */
  readonly freePlaces?: number;
}
