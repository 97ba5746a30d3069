import { assertNever, RuleViolation, SYMPTOMS, TEST_RESULTS, TEST_TYPES, type TestResult } from '@border-ledger/points-of-entry-domain';
import type { CapacityCategory } from '../centre/centre.codes';
import type { StayCommand, StayContext } from './stay.commands';
import {
  CAPACITY_ALERT_RAISED,
  DAILY_CHECK_RECORDED,
  STAY_ABSCONDED,
  STAY_ADMITTED,
  STAY_RELEASED,
  STAY_TEST_RECORDED,
  STAY_TRANSFERRED,
  type CapacityAlertRaisedData,
  type StayAdmittedData,
  type StayEvent,
} from './stay.events';

/** A stay as its events describe it, with the release date derived from admission and days. */
export interface StayRecord extends StayAdmittedData {
  readonly expectedReleaseAt: string;
  /** Days (YYYY-MM-DD) with a recorded daily check. */
  readonly checkedDays: readonly string[];
  readonly latestTest: TestResult | null;
}

export type StayState =
  | { readonly status: 'none' }
  /** A capacity alert was raised: no place yet; an admission (automatic or manual) may follow. */
  | { readonly status: 'awaiting-place'; readonly alert: CapacityAlertRaisedData }
  | { readonly status: 'admitted'; readonly stay: StayRecord }
  | { readonly status: 'released'; readonly stay: StayRecord; readonly releasedAt: string }
  | { readonly status: 'absconded'; readonly stay: StayRecord; readonly abscondedAt: string };

export const initialStayState: StayState = { status: 'none' };

const DAY_MS = 24 * 60 * 60 * 1000;
/** Longest stay a single admission may order. */
export const MAX_STAY_DAYS = 60;
/** How far into the future a device clock may be before a time is refused. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Start of the measure (`countedFrom`, else the admission) plus the days ordered (UTC ISO 8601). */
export function expectedReleaseAt(stay: Pick<StayAdmittedData, 'admittedAt' | 'countedFrom' | 'days'>): string {
  return new Date(Date.parse(stay.countedFrom ?? stay.admittedAt) + stay.days * DAY_MS).toISOString();
}

export function decideStay(command: StayCommand, state: StayState, context: StayContext): StayEvent[] {
  switch (command.kind) {
    case 'RaiseCapacityAlert': {
      // Already awaiting: the alert stands (a retried placement raises nothing new).
      if (state.status === 'awaiting-place') return [];
      if (state.status !== 'none') throw new RuleViolation('stay-already-admitted', `Crossing ${command.alert.crossingId} is already admitted`);
      const { days, raisedAt } = command.alert;
      checkDays(days);
      checkTime(raisedAt, context);
      return [{ type: CAPACITY_ALERT_RAISED, data: command.alert }];
    }
    case 'Admit': {
      if (state.status !== 'none' && state.status !== 'awaiting-place') throw new RuleViolation('stay-already-admitted', `Crossing ${command.crossingId} is already admitted`);
      const { crossingId, centre, category, measure, days, requiresNegativeTest, admittedAt, countedFrom } = command;
      checkDays(days);
      checkTime(admittedAt, context);
      if (countedFrom !== undefined) {
        checkTime(countedFrom, context);
        if (Date.parse(countedFrom) > Date.parse(admittedAt)) throw new RuleViolation('stay-counted-from-after-admission', `${countedFrom} is after the admission`);
      }
      checkCentre(centre, category, context);
      const data: StayAdmittedData = { crossingId, centre, category, measure, days, requiresNegativeTest, admittedAt };
      return [{ type: STAY_ADMITTED, data: countedFrom === undefined ? data : { ...data, countedFrom } }];
    }
    case 'RecordDailyCheck': {
      const stay = admittedStay(command.crossingId, state);
      const { crossingId, date, symptoms, celsius } = command;
      if (!DATE.test(date) || Number.isNaN(Date.parse(date))) throw new RuleViolation('date-malformed', `${date} is not YYYY-MM-DD`);
      if (date < stay.admittedAt.slice(0, 10)) throw new RuleViolation('daily-check-before-admission', `${date} is before the admission`);
      if (Date.parse(date) > context.now.getTime() + DAY_MS) throw new RuleViolation('stay-time-in-the-future', `${date} is in the future`);
      if (stay.checkedDays.includes(date)) throw new RuleViolation('daily-check-already-recorded', `A check is already recorded on ${date}`);
      const unknown = symptoms.filter((symptom) => !(SYMPTOMS as readonly string[]).includes(symptom));
      if (unknown.length > 0) throw new RuleViolation('unknown-symptom', `Unknown symptoms: ${unknown.join(', ')}`);
      if (!(celsius >= 30 && celsius <= 45)) throw new RuleViolation('temperature-implausible', `${celsius} °C is not a body temperature`);
      return [{ type: DAILY_CHECK_RECORDED, data: { crossingId, date, symptoms: [...new Set(symptoms)], celsius } }];
    }
    case 'RecordStayTest': {
      admittedStay(command.crossingId, state);
      const { crossingId, testType, result, takenAt } = command;
      if (!TEST_TYPES.includes(testType) || !TEST_RESULTS.includes(result)) throw new RuleViolation('test-invalid', 'Unknown test type or result');
      checkTime(takenAt, context);
      return [{ type: STAY_TEST_RECORDED, data: { crossingId, testType, result, takenAt } }];
    }
    case 'Release': {
      const stay = admittedStay(command.crossingId, state);
      checkTime(command.releasedAt, context);
      if (Date.parse(command.releasedAt) < Date.parse(stay.expectedReleaseAt)) {
        throw new RuleViolation('stay-days-not-completed', `The stay ends at ${stay.expectedReleaseAt}`);
      }
      if (stay.latestTest === 'positive') throw new RuleViolation('latest-test-positive', 'The latest test is positive');
      if (stay.requiresNegativeTest && stay.latestTest !== 'negative') {
        throw new RuleViolation('negative-test-required', 'Release requires a negative test');
      }
      return [{ type: STAY_RELEASED, data: { crossingId: command.crossingId, centre: stay.centre, releasedAt: command.releasedAt } }];
    }
    case 'Transfer': {
      const stay = admittedStay(command.crossingId, state);
      if (command.to === stay.centre) throw new RuleViolation('transfer-to-same-centre', `Already at ${stay.centre}`);
      checkTime(command.transferredAt, context);
      checkCentre(command.to, stay.category, context);
      const data = { crossingId: command.crossingId, from: stay.centre, to: command.to, category: stay.category, transferredAt: command.transferredAt };
      return [{ type: STAY_TRANSFERRED, data }];
    }
    case 'Abscond': {
      const stay = admittedStay(command.crossingId, state);
      checkTime(command.abscondedAt, context);
      return [{ type: STAY_ABSCONDED, data: { crossingId: command.crossingId, centre: stay.centre, abscondedAt: command.abscondedAt } }];
    }
    default:
      return assertNever(command);
  }
}

function admittedStay(crossingId: string, state: StayState): StayRecord {
  if (state.status === 'none') throw new RuleViolation('stay-not-found', `Crossing ${crossingId} is not admitted`);
  if (state.status !== 'admitted') throw new RuleViolation('stay-not-active', `The stay of ${crossingId} is ${state.status}`);
  return state.stay;
}

function checkTime(at: string, context: StayContext): void {
  const time = Date.parse(at);
  if (Number.isNaN(time)) throw new RuleViolation('time-malformed', `${at} is not an ISO 8601 time`);
  if (time > context.now.getTime() + CLOCK_SKEW_MS) throw new RuleViolation('stay-time-in-the-future', `${at} is in the future`);
}

function checkDays(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > MAX_STAY_DAYS) {
    throw new RuleViolation('stay-days-invalid', `Days must be a whole number from 1 to ${MAX_STAY_DAYS}`);
  }
}

function checkCentre(code: string, category: CapacityCategory, { centre, freePlaces }: StayContext): void {
  if (!centre || centre.status !== 'registered' || centre.centre.code !== code) throw new RuleViolation('centre-not-found', `No centre ${code}`);
  if (centre.centre.capacity[category] === 0) throw new RuleViolation('centre-category-not-offered', `${code} has no ${category} places`);
  if ((freePlaces ?? 0) < 1) throw new RuleViolation('centre-full', `${code} has no free ${category} place`);
}

export function evolveStay(state: StayState, event: StayEvent): StayState {
  switch (event.type) {
    case CAPACITY_ALERT_RAISED:
      return state.status === 'none' ? { status: 'awaiting-place', alert: event.data } : state;
    case STAY_ADMITTED: {
      const expected = expectedReleaseAt(event.data);
      return { status: 'admitted', stay: { ...event.data, expectedReleaseAt: expected, checkedDays: [], latestTest: null } };
    }
    case DAILY_CHECK_RECORDED:
      return state.status === 'admitted' ? { status: 'admitted', stay: { ...state.stay, checkedDays: [...state.stay.checkedDays, event.data.date] } } : state;
    case STAY_TEST_RECORDED:
      return state.status === 'admitted' ? { status: 'admitted', stay: { ...state.stay, latestTest: event.data.result } } : state;
    case STAY_RELEASED:
      return state.status === 'admitted' ? { status: 'released', stay: state.stay, releasedAt: event.data.releasedAt } : state;
    case STAY_TRANSFERRED:
      return state.status === 'admitted' ? { status: 'admitted', stay: { ...state.stay, centre: event.data.to } } : state;
    case STAY_ABSCONDED:
      return state.status === 'admitted' ? { status: 'absconded', stay: state.stay, abscondedAt: event.data.abscondedAt } : state;
    default:
      return assertNever(event);
  }
}
