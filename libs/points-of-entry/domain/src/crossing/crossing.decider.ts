import { findPointOfEntry } from '../reference/points-of-entry.catalogue';
import { assertNever, RuleViolation } from '../shared/rule-violation';
import type { CrossingCommand, CrossingContext, RecordCrossing } from './crossing.commands';
import { CROSSING_RECORDED, CROSSING_VOIDED, type CrossingEvent, type CrossingRecordedData } from './crossing.events';

export type CrossingState =
  | { readonly status: 'none' }
  | { readonly status: 'recorded'; readonly crossing: CrossingRecordedData }
  | { readonly status: 'voided'; readonly crossing: CrossingRecordedData; readonly reason: string };

export const initialCrossingState: CrossingState = { status: 'none' };

/** How far into the future a device clock may be before a crossing time is refused. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function decideCrossing(command: CrossingCommand, state: CrossingState, context: CrossingContext): CrossingEvent[] {
  switch (command.kind) {
    case 'RecordCrossing':
      if (state.status !== 'none') {
        throw new RuleViolation('crossing-already-recorded', `Crossing ${command.crossing.crossingId} is already recorded`);
      }
      checkRecord(command, context);
      return [{ type: CROSSING_RECORDED, data: command.crossing }];
    case 'VoidCrossing':
      if (state.status === 'none') throw new RuleViolation('crossing-not-found', `No crossing ${command.crossingId}`);
      if (state.status === 'voided') {
        throw new RuleViolation('crossing-already-voided', `Crossing ${command.crossingId} is already voided`);
      }
      return [{ type: CROSSING_VOIDED, data: { crossingId: command.crossingId, reason: command.reason } }];
    default:
      return assertNever(command);
  }
}

function checkRecord(command: RecordCrossing, context: CrossingContext): void {
  const poe = findPointOfEntry(command.crossing.pointOfEntry);
  if (!poe) {
    throw new RuleViolation('unknown-point-of-entry', `Unknown point of entry ${command.crossing.pointOfEntry}`);
  }
  if (poe.country !== context.nodeCountry) {
    throw new RuleViolation(
      'point-of-entry-of-another-country',
      `${poe.code} is in ${poe.country}; this node records crossings in ${context.nodeCountry}`,
    );
  }
  if (Date.parse(command.occurredAt) > context.now.getTime() + CLOCK_SKEW_MS) {
    throw new RuleViolation('crossing-in-the-future', 'A crossing cannot be recorded for a time in the future');
  }
}

export function evolveCrossing(state: CrossingState, event: CrossingEvent): CrossingState {
  switch (event.type) {
    case CROSSING_RECORDED:
      return { status: 'recorded', crossing: event.data };
    case CROSSING_VOIDED:
      return state.status === 'recorded' ? { status: 'voided', crossing: state.crossing, reason: event.data.reason } : state;
    default:
      return assertNever(event);
  }
}
