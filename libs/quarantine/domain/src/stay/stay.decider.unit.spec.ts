import fc from 'fast-check';
import type { CentreState } from '../centre/centre.decider';
import { givenEvents, ruleOf } from '@border-ledger/points-of-entry-domain/testing';
import type { Admit, RecordDailyCheck, StayCommand, StayContext } from './stay.commands';
import { decideStay, evolveStay, expectedReleaseAt, initialStayState } from './stay.decider';
import {
  DAILY_CHECK_RECORDED,
  STAY_ABSCONDED,
  STAY_ADMITTED,
  STAY_RELEASED,
  STAY_TEST_RECORDED,
  STAY_TRANSFERRED,
  stayStream,
  type StayEvent,
} from './stay.events';

const crossingId = '5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a';
const capacity = { adults: 40, families: 10, 'isolation-rooms': 0, 'children-with-guardian': 8 };
const centreAt = (code: string): CentreState => ({ status: 'registered', centre: { code, name: code, country: 'TH', province: 'Tak', capacity } });
const context: StayContext = { now: new Date('2026-12-10T00:00:00Z'), centre: centreAt('TH-TAK-1'), freePlaces: 3 };
const admit: Admit = {
  kind: 'Admit',
  crossingId,
  centre: 'TH-TAK-1',
  category: 'adults',
  measure: 'quarantine',
  days: 10,
  requiresNegativeTest: true,
  admittedAt: '2026-11-23T16:00:00+07:00',
};
const { kind: _kind, ...admittedData } = admit;
const admitted: StayEvent = { type: STAY_ADMITTED, data: admittedData };
const test = (result: 'positive' | 'negative' | 'invalid', takenAt = '2026-12-02T08:00:00+07:00'): StayEvent => ({
  type: STAY_TEST_RECORDED,
  data: { crossingId, testType: 'pcr', result, takenAt },
});
const release = (releasedAt: string): StayCommand => ({ kind: 'Release', crossingId, releasedAt });
const check = (date: string, celsius = 36.8): RecordDailyCheck => ({ kind: 'RecordDailyCheck', crossingId, date, symptoms: ['cough', 'cough'], celsius });

const given = givenEvents({ initialState: initialStayState, evolve: evolveStay, decide: decideStay }, context);

describe('stay decider', () => {
  it('names the stream by the crossing id', () => {
    expect(stayStream(crossingId)).toBe(`stay-${crossingId}`);
  });

  describe('Admit', () => {
    it('admits to a centre and derives the expected release from the days', () => {
      expect(given([]).when(admit)).toEqual([admitted]);
      const state = [admitted].reduce(evolveStay, initialStayState);
      expect(state).toMatchObject({ status: 'admitted', stay: { expectedReleaseAt: '2026-12-03T09:00:00.000Z', checkedDays: [], latestTest: null } });
    });

    it('counts the days from the arrival when the measure began before the admission', () => {
      const countedFrom = '2026-11-21T09:00:00+07:00';
      const events = given([]).when({ ...admit, countedFrom });
      expect(events).toEqual([{ type: STAY_ADMITTED, data: { ...admittedData, countedFrom } }]);
      expect(events.reduce(evolveStay, initialStayState)).toMatchObject({ status: 'admitted', stay: { admittedAt: admit.admittedAt, expectedReleaseAt: '2026-12-01T02:00:00.000Z' } });
    });

    it('refuses a start of the measure after the admission, malformed or in the future', () => {
      expect(ruleOf(() => given([]).when({ ...admit, countedFrom: '2026-11-24T00:00:00+07:00' }))).toBe('stay-counted-from-after-admission');
      expect(ruleOf(() => given([]).when({ ...admit, countedFrom: 'yesterday' }))).toBe('time-malformed');
      expect(ruleOf(() => given([]).when({ ...admit, admittedAt: '2026-12-10T00:00:00Z', countedFrom: '2026-12-10T01:00:00Z' }))).toBe('stay-time-in-the-future');
    });

    it('refuses a second admission of the same crossing (a replayed outcome)', () => {
      expect(ruleOf(() => given([admitted]).when(admit))).toBe('stay-already-admitted');
    });

    it('refuses days that are not a whole number from 1 to 60', () => {
      for (const days of [0, -1, 2.5, 61]) expect(ruleOf(() => given([]).when({ ...admit, days }))).toBe('stay-days-invalid');
    });

    it('refuses an unknown centre, or a category the centre does not offer', () => {
      expect(ruleOf(() => given([], { centre: undefined }).when(admit))).toBe('centre-not-found');
      expect(ruleOf(() => given([], { centre: { status: 'none' } }).when(admit))).toBe('centre-not-found');
      expect(ruleOf(() => given([], { centre: centreAt('TH-TAK-2') }).when(admit))).toBe('centre-not-found');
      expect(ruleOf(() => given([]).when({ ...admit, measure: 'isolation', category: 'isolation-rooms' }))).toBe('centre-category-not-offered');
    });

    it('refuses a malformed time or one in the future', () => {
      expect(ruleOf(() => given([]).when({ ...admit, admittedAt: 'yesterday' }))).toBe('time-malformed');
      expect(ruleOf(() => given([]).when({ ...admit, admittedAt: '2026-12-10T00:06:00Z' }))).toBe('stay-time-in-the-future');
    });
  });

  describe('RecordDailyCheck', () => {
    it('records one check a day with distinct symptoms and the temperature', () => {
      expect(given([admitted]).when(check('2026-11-24'))).toEqual([
        { type: DAILY_CHECK_RECORDED, data: { crossingId, date: '2026-11-24', symptoms: ['cough'], celsius: 36.8 } },
      ]);
      const first: StayEvent = { type: DAILY_CHECK_RECORDED, data: { crossingId, date: '2026-11-24', symptoms: [], celsius: 36.8 } };
      expect(ruleOf(() => given([admitted, first]).when(check('2026-11-24')))).toBe('daily-check-already-recorded');
    });

    it('refuses checks before admission, in the future, malformed, implausible or with unknown symptoms', () => {
      expect(ruleOf(() => given([admitted]).when(check('2026-11-22')))).toBe('daily-check-before-admission');
      expect(ruleOf(() => given([admitted]).when(check('2026-12-12')))).toBe('stay-time-in-the-future');
      expect(ruleOf(() => given([admitted]).when(check('24/11/2026')))).toBe('date-malformed');
      expect(ruleOf(() => given([admitted]).when(check('2026-11-24', 52)))).toBe('temperature-implausible');
      expect(ruleOf(() => given([admitted]).when({ ...check('2026-11-24'), symptoms: ['sneezing' as never] }))).toBe('unknown-symptom');
    });

    it('refuses a check without an active stay', () => {
      expect(ruleOf(() => given([]).when(check('2026-11-24')))).toBe('stay-not-found');
      const released: StayEvent = { type: STAY_RELEASED, data: { crossingId, centre: 'TH-TAK-1', releasedAt: '2026-12-03T10:00:00Z' } };
      expect(ruleOf(() => given([admitted, test('negative'), released]).when(check('2026-12-04')))).toBe('stay-not-active');
    });
  });

  describe('RecordStayTest', () => {
    it('records a test result', () => {
      expect(given([admitted]).when({ kind: 'RecordStayTest', crossingId, testType: 'pcr', result: 'negative', takenAt: '2026-12-02T08:00:00+07:00' })).toEqual([
        test('negative'),
      ]);
    });

    it('refuses an unknown test type or result, and a stay not admitted', () => {
      const cmd: StayCommand = { kind: 'RecordStayTest', crossingId, testType: 'pcr', result: 'maybe' as never, takenAt: '2026-12-02T08:00:00Z' };
      expect(ruleOf(() => given([admitted]).when(cmd))).toBe('test-invalid');
      expect(ruleOf(() => given([]).when({ ...cmd, result: 'negative' }))).toBe('stay-not-found');
    });
  });

  describe('Release', () => {
    it('releases once the days are done with a negative test', () => {
      expect(given([admitted, test('negative')]).when(release('2026-12-03T09:00:00Z'))).toEqual([
        { type: STAY_RELEASED, data: { crossingId, centre: 'TH-TAK-1', releasedAt: '2026-12-03T09:00:00Z' } },
      ]);
    });

    it('refuses before the days are done', () => {
      expect(ruleOf(() => given([admitted, test('negative')]).when(release('2026-12-03T08:59:59Z')))).toBe('stay-days-not-completed');
    });

    it('refuses without a negative test when one is required, and after a positive latest test', () => {
      expect(ruleOf(() => given([admitted]).when(release('2026-12-04T00:00:00Z')))).toBe('negative-test-required');
      expect(ruleOf(() => given([admitted, test('invalid')]).when(release('2026-12-04T00:00:00Z')))).toBe('negative-test-required');
      expect(ruleOf(() => given([admitted, test('negative'), test('positive')]).when(release('2026-12-04T00:00:00Z')))).toBe('latest-test-positive');
      const noTestNeeded: StayEvent = { type: STAY_ADMITTED, data: { ...admittedData, requiresNegativeTest: false } };
      expect(given([noTestNeeded]).when(release('2026-12-04T00:00:00Z'))).toHaveLength(1);
    });

    it('is refused before the end and accepted from the end, for any days (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 14 }), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), (days, offsetMs) => {
          const event: StayEvent = { type: STAY_ADMITTED, data: { ...admittedData, days, requiresNegativeTest: false } };
          const end = Date.parse(expectedReleaseAt({ admittedAt: admit.admittedAt, days }));
          const releasedAt = new Date(end + offsetMs).toISOString();
          const ctx = { now: new Date(end + 4 * 86_400_000) };
          if (offsetMs < 0) expect(ruleOf(() => given([event], ctx).when(release(releasedAt)))).toBe('stay-days-not-completed');
          else expect(given([event], ctx).when(release(releasedAt))).toHaveLength(1);
        }),
      );
    });
  });

  describe('Transfer and Abscond', () => {
    it('transfers to another centre in the same category; the stay then belongs to it', () => {
      const events = given([admitted], { centre: centreAt('TH-TAK-2') }).when({ kind: 'Transfer', crossingId, to: 'TH-TAK-2', transferredAt: '2026-11-25T10:00:00Z' });
      expect(events).toEqual([
        { type: STAY_TRANSFERRED, data: { crossingId, from: 'TH-TAK-1', to: 'TH-TAK-2', category: 'adults', transferredAt: '2026-11-25T10:00:00Z' } },
      ]);
      expect([admitted, ...events].reduce(evolveStay, initialStayState)).toMatchObject({ status: 'admitted', stay: { centre: 'TH-TAK-2' } });
    });

    it('refuses a transfer to the same centre or to an unknown one', () => {
      expect(ruleOf(() => given([admitted]).when({ kind: 'Transfer', crossingId, to: 'TH-TAK-1', transferredAt: '2026-11-25T10:00:00Z' }))).toBe('transfer-to-same-centre');
      expect(ruleOf(() => given([admitted]).when({ kind: 'Transfer', crossingId, to: 'TH-TAK-9', transferredAt: '2026-11-25T10:00:00Z' }))).toBe('centre-not-found');
    });

    it('records an absconding; nothing more can happen to the stay', () => {
      const events = given([admitted]).when({ kind: 'Abscond', crossingId, abscondedAt: '2026-11-26T07:00:00+07:00' });
      expect(events).toEqual([{ type: STAY_ABSCONDED, data: { crossingId, centre: 'TH-TAK-1', abscondedAt: '2026-11-26T07:00:00+07:00' } }]);
      expect(ruleOf(() => given([admitted, ...events]).when(release('2026-12-04T00:00:00Z')))).toBe('stay-not-active');
      expect(ruleOf(() => given([admitted, ...events]).when({ kind: 'Abscond', crossingId, abscondedAt: '2026-11-27T07:00:00Z' }))).toBe('stay-not-active');
      expect(ruleOf(() => given([]).when({ kind: 'Abscond', crossingId, abscondedAt: '2026-11-27T07:00:00Z' }))).toBe('stay-not-found');
    });
  });
});
