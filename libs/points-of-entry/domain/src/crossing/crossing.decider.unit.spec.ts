import { RuleViolation } from '../shared/rule-violation';
import type { CrossingCommand, CrossingContext } from './crossing.commands';
import { decideCrossing, evolveCrossing, initialCrossingState, type CrossingState } from './crossing.decider';
import { CROSSING_RECORDED, CROSSING_VOIDED, type CrossingEvent, type CrossingRecordedData } from './crossing.events';

const context: CrossingContext = { nodeCountry: 'TH', now: new Date('2026-11-23T09:00:00Z') };
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
const record: CrossingCommand = { kind: 'RecordCrossing', crossing, occurredAt: '2026-11-23T08:55:00Z' };

/** given events, when command, then events (or the rule that refuses it) */
function given(events: CrossingEvent[]): { when: (c: CrossingCommand) => CrossingEvent[] } {
  const state = events.reduce<CrossingState>(evolveCrossing, initialCrossingState);
  return { when: (command) => decideCrossing(command, state, context) };
}

const rule = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolation) return error.rule;
    throw error;
  }
  throw new Error('expected a rule violation');
};

describe('crossing decider', () => {
  it('records a new crossing', () => {
    expect(given([]).when(record)).toEqual([{ type: CROSSING_RECORDED, data: crossing }]);
  });

  it('refuses to record the same crossing twice', () => {
    expect(rule(() => given([{ type: CROSSING_RECORDED, data: crossing }]).when(record))).toBe('crossing-already-recorded');
  });

  it('refuses an unknown point of entry and one in another country', () => {
    const unknown = { ...record, crossing: { ...crossing, pointOfEntry: 'TH-NOWHERE' } };
    const poipet = { ...record, crossing: { ...crossing, pointOfEntry: 'KH-POIPET' } };
    expect(rule(() => given([]).when(unknown))).toBe('unknown-point-of-entry');
    expect(rule(() => given([]).when(poipet))).toBe('point-of-entry-of-another-country');
  });

  it('refuses a crossing time beyond the allowed clock skew, accepts one within it', () => {
    expect(rule(() => given([]).when({ ...record, occurredAt: '2026-11-23T09:06:00Z' }))).toBe('crossing-in-the-future');
    expect(given([]).when({ ...record, occurredAt: '2026-11-23T09:04:00Z' })).toHaveLength(1);
  });

  it('voids a recorded crossing once, and only a recorded one', () => {
    const voidIt: CrossingCommand = { kind: 'VoidCrossing', crossingId: crossing.crossingId, reason: 'duplicate entry' };
    const recorded: CrossingEvent = { type: CROSSING_RECORDED, data: crossing };
    const voided: CrossingEvent = { type: CROSSING_VOIDED, data: { crossingId: crossing.crossingId, reason: 'duplicate entry' } };
    expect(given([recorded]).when(voidIt)).toEqual([voided]);
    expect(rule(() => given([]).when(voidIt))).toBe('crossing-not-found');
    expect(rule(() => given([recorded, voided]).when(voidIt))).toBe('crossing-already-voided');
  });

  it('evolves to voided keeping the crossing', () => {
    const state = [
      { type: CROSSING_RECORDED, data: crossing } as CrossingEvent,
      { type: CROSSING_VOIDED, data: { crossingId: crossing.crossingId, reason: 'error' } } as CrossingEvent,
    ].reduce<CrossingState>(evolveCrossing, initialCrossingState);
    expect(state).toEqual({ status: 'voided', crossing, reason: 'error' });
  });
});
