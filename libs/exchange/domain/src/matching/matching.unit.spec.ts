import type { SharedCrossing, SharedRecordDraft } from '../records/records';
import { evolveMatching, initialMatchingState, type MatchingState } from './matching';
import { dueMatchAlerts, matchAlertId, matchExpectations } from './matching.queries';

const HOUR = 60 * 60 * 1000;
const WAIT = 6 * HOUR;
const T = Date.parse('2026-11-23T02:00:00Z');
const at = (ms: number): string => new Date(ms).toISOString();

const envelope = (recordedAt: string, sender: 'TH' | 'KH') => ({
  recordId: `record-${recordedAt}`,
  agreementId: 'th-kh-immigration',
  agreementVersion: 1,
  senderAgency: `${sender}-IMM`,
  senderCountry: sender,
  schemaVersion: 1,
  correlationId: 'c',
  causationId: '',
  occurredAt: recordedAt,
  recordedAt,
});
/** A crossing record; the recording follows the crossing by five minutes unless told. */
const crossing = (fields: Partial<SharedCrossing> & Pick<SharedCrossing, 'crossingRef' | 'crossedAt'>, recordedAt?: string): SharedRecordDraft => {
  const exit = (fields.direction ?? 'exit') === 'exit';
  const payload: SharedCrossing = {
    travellerRef: 'traveller-A',
    direction: 'exit',
    pointOfEntry: exit ? 'TH-ARANYAPRATHET' : 'KH-POIPET',
    pairedPointOfEntry: exit ? 'KH-POIPET' : 'TH-ARANYAPRATHET',
    voided: false,
    ...fields,
  };
  return { ...envelope(recordedAt ?? at(Date.parse(fields.crossedAt) + 5 * 60 * 1000), exit ? 'TH' : 'KH'), recordType: 'exchange.crossing.v1', payload };
};
const childExit = crossing({ crossingRef: 'exit-1', crossedAt: at(T), travelGroup: 'unaccompanied-child', ageBand: '12-17' });
const adultExit = crossing({ crossingRef: 'exit-1', crossedAt: at(T), ageBand: '25-34', travelGroup: 'alone' });
const entry = (after: number, fields: Partial<SharedCrossing> = {}, recordedAt?: string) =>
  crossing({ crossingRef: `entry-${after}`, crossedAt: at(T + after), direction: 'entry', ...fields }, recordedAt);
const flag = (status: 'raised' | 'withdrawn', crossingRef?: string): SharedRecordDraft => ({
  ...envelope(at(T + HOUR), 'TH'),
  recordType: 'exchange.trafficking-flag.v1',
  payload: { flagRef: 'flag-1', ...(crossingRef ? { crossingRef } : {}), pointOfEntry: 'TH-ARANYAPRATHET', observedAt: at(T), status, childProtection: false, indicators: [] },
});
const fold = (...records: SharedRecordDraft[]): MatchingState => records.reduce(evolveMatching, initialMatchingState);
const alertsAt = (state: MatchingState, afterExit: number) => dueMatchAlerts(state, new Date(T + afterExit), WAIT);

describe('exit-to-entry matching', () => {
  it('raises nothing for a flagged child whose entry was seen across the border', () => {
    const state = fold(childExit, entry(HOUR));
    expect(alertsAt(state, 7 * HOUR)).toEqual([]);
    expect(matchExpectations(state, new Date(T + 7 * HOUR), WAIT)[0]).toMatchObject({ status: 'matched', entryCrossingRef: `entry-${HOUR}` });
  });

  it('raises one alert for an unmatched child exit once the wait is over, not before', () => {
    const state = fold(childExit);
    expect(alertsAt(state, WAIT - 1)).toEqual([]);
    expect(alertsAt(state, WAIT)).toEqual([
      {
        alertId: matchAlertId('exit-1'),
        travellerRef: 'traveller-A',
        exitCrossingRef: 'exit-1',
        exitPoint: 'TH-ARANYAPRATHET',
        expectedPoint: 'KH-POIPET',
        exitAt: at(T),
        dueAt: at(T + WAIT),
        reasons: ['child'],
      },
    ]);
    expect(alertsAt(state, 2 * WAIT)).toHaveLength(1);
  });

  it('raises nothing for an exit that is not flagged', () => {
    expect(alertsAt(fold(adultExit), 2 * WAIT)).toEqual([]);
  });

  it('matches an entry that arrived before the exit record (the feeds are not ordered)', () => {
    expect(alertsAt(fold(entry(HOUR), childExit), 2 * WAIT)).toEqual([]);
  });

  it('drops the expectation when the exit is voided, whichever record comes first', () => {
    const voided = crossing({ crossingRef: 'exit-1', crossedAt: at(T), voided: true });
    expect(alertsAt(fold(childExit, voided), 2 * WAIT)).toEqual([]);
    expect(alertsAt(fold(voided, childExit), 2 * WAIT)).toEqual([]);
  });

  it('marks an exit flagged by a trafficking flag or a screening outcome that arrives after it', () => {
    expect(alertsAt(fold(adultExit, flag('raised', 'exit-1')), WAIT)[0]?.reasons).toEqual(['trafficking-flag']);
    const isolation: SharedRecordDraft = {
      ...envelope(at(T + HOUR), 'TH'),
      recordType: 'exchange.screening-outcome.v1',
      payload: { crossingRef: 'exit-1', travellerRef: 'traveller-A', pointOfEntry: 'TH-ARANYAPRATHET', decidedAt: at(T), outcomeCategory: 'isolation' },
    };
    expect(alertsAt(fold(adultExit, isolation), WAIT)[0]?.reasons).toEqual(['quarantine-referral']);
    expect(alertsAt(fold(childExit, flag('raised', 'exit-1'), isolation), WAIT)[0]?.reasons).toEqual(['child', 'trafficking-flag', 'quarantine-referral']);
  });

  it('forgets a withdrawn flag, even when the withdrawal does not repeat the crossing', () => {
    expect(alertsAt(fold(adultExit, flag('raised', 'exit-1'), flag('withdrawn')), WAIT)).toEqual([]);
  });

  it('resolves the alert when the entry arrives after it', () => {
    const late = entry(2 * HOUR, {}, at(T + 8 * HOUR));
    const before = fold(childExit);
    expect(alertsAt(before, 7 * HOUR).map((a) => a.alertId)).toEqual([matchAlertId('exit-1')]);
    const after = evolveMatching(before, late);
    expect(alertsAt(after, 8 * HOUR)).toEqual([]);
    expect(matchExpectations(after, new Date(T + 8 * HOUR), WAIT)[0]?.status).toBe('resolved');
  });

  it('does not match an entry of another traveller, at another point, voided, or from before the exit', () => {
    const voidedEntry = crossing({ crossingRef: `entry-${HOUR}`, crossedAt: at(T + HOUR), direction: 'entry', voided: true });
    expect(alertsAt(fold(childExit, entry(HOUR, { travellerRef: 'traveller-B' })), WAIT)).toHaveLength(1);
    expect(alertsAt(fold(childExit, entry(HOUR, { pointOfEntry: 'KH-BAVET', pairedPointOfEntry: 'VN-MOCBAI' })), WAIT)).toHaveLength(1);
    expect(alertsAt(fold(childExit, entry(HOUR), voidedEntry), WAIT)).toHaveLength(1);
    expect(alertsAt(fold(childExit, entry(-2 * HOUR)), WAIT)).toHaveLength(1);
  });

  it('expects nothing of an exit at a point of entry without a pair (airports)', () => {
    const airport = crossing({ crossingRef: 'exit-2', crossedAt: at(T), pointOfEntry: 'TH-BKK-SUVARNABHUMI', pairedPointOfEntry: '', ageBand: '5-11' });
    expect(alertsAt(fold(airport), 2 * WAIT)).toEqual([]);
  });

  it('is idempotent: a record delivered twice changes nothing', () => {
    const once = fold(childExit, entry(HOUR));
    expect(fold(childExit, entry(HOUR), childExit, entry(HOUR))).toEqual(once);
  });
});
