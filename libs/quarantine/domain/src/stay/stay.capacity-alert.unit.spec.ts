import type { CentreState } from '../centre/centre.decider';
import { givenEvents, ruleOf } from '@border-ledger/points-of-entry-domain/testing';
import type { Admit, RaiseCapacityAlert, StayContext } from './stay.commands';
import { decideStay, evolveStay, initialStayState } from './stay.decider';
import { CAPACITY_ALERT_RAISED, STAY_ADMITTED, type CapacityAlertRaisedData, type StayEvent } from './stay.events';

const crossingId = '0c5f3a2e-9b1d-4e7f-8a6c-2d4b6e8f0a1c';
const capacity = { adults: 2, families: 0, 'isolation-rooms': 1, 'children-with-guardian': 0 };
const centre: CentreState = { status: 'registered', centre: { code: 'TH-SAKAEO-1', name: 'Sa Kaeo', country: 'TH', province: 'Sa Kaeo', capacity } };
const context: StayContext = { now: new Date('2026-11-23T12:00:00Z'), centre, freePlaces: 1 };
const alert: CapacityAlertRaisedData = {
  crossingId,
  category: 'isolation-rooms',
  measure: 'isolation',
  days: 10,
  requiresNegativeTest: true,
  pointOfEntry: 'TH-ARANYAPRATHET',
  country: 'TH',
  province: 'Sa Kaeo',
  raisedAt: '2026-11-23T11:00:00Z',
};
const raise: RaiseCapacityAlert = { kind: 'RaiseCapacityAlert', alert };
const raised: StayEvent = { type: CAPACITY_ALERT_RAISED, data: alert };
const admit: Admit = {
  kind: 'Admit',
  crossingId,
  centre: 'TH-SAKAEO-1',
  category: 'isolation-rooms',
  measure: 'isolation',
  days: 10,
  requiresNegativeTest: true,
  admittedAt: '2026-11-23T11:30:00Z',
};

const given = givenEvents({ initialState: initialStayState, evolve: evolveStay, decide: decideStay }, context);

describe('stay decider: capacity alerts', () => {
  it('raises a capacity alert when no centre has room; the stay then awaits a place', () => {
    expect(given([]).when(raise)).toEqual([raised]);
    expect([raised].reduce(evolveStay, initialStayState)).toEqual({ status: 'awaiting-place', alert });
  });

  it('raises nothing new while the traveller awaits a place (a retried placement)', () => {
    expect(given([raised]).when(raise)).toEqual([]);
  });

  it('refuses an alert for a traveller already admitted, and checks days and time', () => {
    const { kind: _kind, ...data } = admit;
    expect(ruleOf(() => given([{ type: STAY_ADMITTED, data }]).when(raise))).toBe('stay-already-admitted');
    expect(ruleOf(() => given([]).when({ kind: 'RaiseCapacityAlert', alert: { ...alert, days: 0 } }))).toBe('stay-days-invalid');
    expect(ruleOf(() => given([]).when({ kind: 'RaiseCapacityAlert', alert: { ...alert, raisedAt: 'soon' } }))).toBe('time-malformed');
  });

  it('admits an awaiting traveller once a place is free, and then refuses a second admission', () => {
    const events = given([raised]).when(admit);
    expect(events).toEqual([{ type: STAY_ADMITTED, data: expect.objectContaining({ centre: 'TH-SAKAEO-1', category: 'isolation-rooms' }) }]);
    expect([raised, ...events].reduce(evolveStay, initialStayState)).toMatchObject({ status: 'admitted' });
    expect(ruleOf(() => given([raised, ...events]).when(admit))).toBe('stay-already-admitted');
  });

  it('refuses an admission or a transfer to a centre without a free place of the category', () => {
    expect(ruleOf(() => given([], { freePlaces: 0 }).when(admit))).toBe('centre-full');
    expect(ruleOf(() => given([], { freePlaces: undefined }).when(admit))).toBe('centre-full');
  });

  it('refuses daily checks, tests and release while the traveller awaits a place', () => {
    expect(ruleOf(() => given([raised]).when({ kind: 'Release', crossingId, releasedAt: '2026-11-23T11:00:00Z' }))).toBe('stay-not-active');
    expect(ruleOf(() => given([raised]).when({ kind: 'Abscond', crossingId, abscondedAt: '2026-11-23T11:00:00Z' }))).toBe('stay-not-active');
  });
});
