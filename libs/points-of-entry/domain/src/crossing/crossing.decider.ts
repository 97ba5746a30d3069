import { assertNever, RuleViolation } from '../shared/rule-violation';
import type { CrossingCommand, CrossingContext } from './crossing.commands';
import { CROSSING_RECORDED, CROSSING_VOIDED, type CrossingEvent, type CrossingRecordedData } from './crossing.events';
import { checkRecord } from './crossing.rules';

export type CrossingState =
  | { readonly status: 'none' }
  | { readonly status: 'recorded'; readonly crossing: CrossingRecordedData }
  | { readonly status: 'voided'; readonly crossing: CrossingRecordedData; readonly reason: string };

export const initialCrossingState: CrossingState = { status: 'none' };

export function decideCrossing(command: CrossingCommand, state: CrossingState, context: CrossingContext): CrossingEvent[] {
  switch (command.kind) {
    case 'RecordCrossing': {
      if (state.status !== 'none') {
        throw new RuleViolation('crossing-already-recorded', `Crossing ${command.crossing.crossingId} is already recorded`);
      }
      const ageBand = checkRecord(command, context);
      return [{ type: CROSSING_RECORDED, data: withoutUndefined({ ...command.crossing, ageBand }) }];
    }
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

/** Optional fields left out rather than stored as absent keys: the payload is exactly what was stated. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
