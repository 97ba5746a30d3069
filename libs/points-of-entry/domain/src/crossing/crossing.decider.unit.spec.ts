import { givenEvents, ruleOf } from '../shared/decider.spec-helpers';
import type { CrossingCommand, CrossingContext, RecordCrossing } from './crossing.commands';
import { decideCrossing, evolveCrossing, initialCrossingState, type CrossingState } from './crossing.decider';
import { CROSSING_RECORDED, CROSSING_VOIDED, type CrossingEvent, type CrossingRecordedData } from './crossing.events';

const aranyaprathet = { code: 'TH-ARANYAPRATHET', country: 'TH' };
const context: CrossingContext = { nodeCountry: 'TH', now: new Date('2026-11-23T09:00:00Z'), pointOfEntry: aranyaprathet };
const crossing: CrossingRecordedData = {
  crossingId: '5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a',
  pointOfEntry: 'TH-ARANYAPRATHET',
  direction: 'exit',
  channel: 'border-pass',
  purpose: 'trade',
  nationality: 'KH',
  sex: 'female',
  ageBand: '25-34',
};
const record: RecordCrossing = { kind: 'RecordCrossing', crossing, occurredAt: '2026-11-23T08:55:00Z' };
const recorded: CrossingEvent = { type: CROSSING_RECORDED, data: crossing };

/** given events, when command (in a context), then events (or the rule that refuses it) */
const given = givenEvents({ initialState: initialCrossingState, evolve: evolveCrossing, decide: decideCrossing }, context);

describe('crossing decider', () => {
  it('records a new crossing', () => {
    expect(given([]).when(record)).toEqual([recorded]);
  });

  it('refuses to record the same crossing twice', () => {
    expect(ruleOf(() => given([recorded]).when(record))).toBe('crossing-already-recorded');
  });

  it('refuses a point of entry that is not registered, and one in another country', () => {
    const unknown = { ...record, crossing: { ...crossing, pointOfEntry: 'TH-NOWHERE' } };
    const poipet = { ...record, crossing: { ...crossing, pointOfEntry: 'KH-POIPET' } };
    expect(ruleOf(() => given([], { pointOfEntry: undefined }).when(unknown))).toBe('unknown-point-of-entry');
    expect(ruleOf(() => given([], { pointOfEntry: undefined }).when(poipet))).toBe('point-of-entry-of-another-country');
    expect(ruleOf(() => given([], { pointOfEntry: { code: 'KH-POIPET', country: 'KH' } }).when(poipet))).toBe(
      'point-of-entry-of-another-country',
    );
    expect(ruleOf(() => given([], { pointOfEntry: { code: 'TH-MAESOT', country: 'TH' } }).when(record))).toBe('unknown-point-of-entry');
  });

  it('refuses a crossing time beyond the allowed clock skew, accepts one within it', () => {
    expect(ruleOf(() => given([]).when({ ...record, occurredAt: '2026-11-23T09:06:00Z' }))).toBe('crossing-in-the-future');
    expect(given([]).when({ ...record, occurredAt: '2026-11-23T09:04:00Z' })).toHaveLength(1);
  });

  it('voids a recorded crossing once, and only a recorded one', () => {
    const voidIt: CrossingCommand = { kind: 'VoidCrossing', crossingId: crossing.crossingId, reason: 'duplicate entry' };
    const voided: CrossingEvent = { type: CROSSING_VOIDED, data: { crossingId: crossing.crossingId, reason: 'duplicate entry' } };
    expect(given([recorded]).when(voidIt)).toEqual([voided]);
    expect(ruleOf(() => given([]).when(voidIt))).toBe('crossing-not-found');
    expect(ruleOf(() => given([recorded, voided]).when(voidIt))).toBe('crossing-already-voided');
  });

  it('evolves to voided keeping the crossing', () => {
    const state = [recorded, { type: CROSSING_VOIDED, data: { crossingId: crossing.crossingId, reason: 'error' } } as CrossingEvent].reduce<CrossingState>(
      evolveCrossing,
      initialCrossingState,
    );
    expect(state).toEqual({ status: 'voided', crossing, reason: 'error' });
  });
});

describe('crossing decider: channel details', () => {
  it('records border pass details with a border-pass crossing, and a visa type with a visa', () => {
    const pass = { ...crossing, borderPass: { area: 'Sa Kaeo', validDays: 7 } };
    expect(given([]).when({ ...record, crossing: pass })).toEqual([{ type: CROSSING_RECORDED, data: pass }]);
    const visa = { ...crossing, channel: 'passport-visa' as const, visaType: 'tourist' as const };
    expect(given([]).when({ ...record, crossing: visa })).toEqual([{ type: CROSSING_RECORDED, data: visa }]);
  });

  it('refuses details of another channel, and a border pass of impossible validity', () => {
    const mou = { ...crossing, channel: 'mou-work-permit' as const };
    expect(ruleOf(() => given([]).when({ ...record, crossing: { ...mou, borderPass: { area: 'Sa Kaeo', validDays: 7 } } }))).toBe(
      'channel-details-do-not-match',
    );
    expect(ruleOf(() => given([]).when({ ...record, crossing: { ...mou, visaType: 'work' } }))).toBe('channel-details-do-not-match');
    for (const validDays of [0, 366, 2.5]) {
      expect(ruleOf(() => given([]).when({ ...record, crossing: { ...crossing, borderPass: { area: 'Sa Kaeo', validDays } } }))).toBe(
        'border-pass-validity-invalid',
      );
    }
    expect(ruleOf(() => given([]).when({ ...record, crossing: { ...crossing, borderPass: { area: ' ', validDays: 3 } } }))).toBe(
      'border-pass-area-missing',
    );
  });
});

describe('crossing decider: date of birth and age band', () => {
  const { ageBand: _stated, ...withoutBand } = crossing;
  const byBirth = (dateOfBirth: string, occurredAt = '2026-11-23T08:00:00+07:00'): RecordCrossing => ({
    kind: 'RecordCrossing',
    crossing: withoutBand,
    occurredAt,
    dateOfBirth,
  });
  const bandOf = (events: CrossingEvent[]): string => (events[0].data as CrossingRecordedData).ageBand;

  it('derives the age band on the local day of the crossing, and keeps the date of birth out of the event', () => {
    const events = given([]).when(byBirth('1998-11-23'));
    expect(bandOf(events)).toBe('25-34');
    expect(JSON.stringify(events)).not.toContain('1998');
    // 24 years old until the birthday: the day before it, the band is still 18-24.
    expect(bandOf(given([]).when(byBirth('2001-11-24')))).toBe('18-24');
    expect(bandOf(given([]).when(byBirth('2001-11-23')))).toBe('25-34');
    // 23 Nov 00:30 at the post is still 22 Nov in UTC: the post's own day counts.
    expect(bandOf(given([]).when(byBirth('2001-11-23', '2026-11-23T00:30:00+07:00')))).toBe('25-34');
  });

  it('counts a 29 February birthday from 1 March in a common year', () => {
    expect(bandOf(given([]).when(byBirth('2000-02-29', '2025-02-28T10:00:00+07:00')))).toBe('18-24');
    expect(bandOf(given([]).when(byBirth('2000-02-29', '2025-03-01T10:00:00+07:00')))).toBe('25-34');
  });

  it('refuses an impossible date of birth, a missing band, and a band that contradicts the date', () => {
    expect(ruleOf(() => given([]).when(byBirth('2001-02-30')))).toBe('date-of-birth-invalid');
    expect(ruleOf(() => given([]).when(byBirth('2026-11-24')))).toBe('date-of-birth-after-crossing');
    expect(ruleOf(() => given([]).when(byBirth('1890-01-01')))).toBe('date-of-birth-implausible');
    expect(ruleOf(() => given([]).when({ ...record, crossing: withoutBand }))).toBe('age-band-missing');
    expect(ruleOf(() => given([]).when({ ...byBirth('1960-01-01'), crossing }))).toBe('age-band-does-not-match-date-of-birth');
  });
});
