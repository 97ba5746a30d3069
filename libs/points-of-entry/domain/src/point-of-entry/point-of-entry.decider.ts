import { GMS_COUNTRIES } from '../reference/codes';
import { assertNever, RuleViolation } from '../shared/rule-violation';
import type { PointOfEntryCommand, PointOfEntryContext, RegisterPointOfEntry } from './point-of-entry.commands';
import {
  POINT_OF_ENTRY_CODE,
  POINT_OF_ENTRY_HOURS_CHANGED,
  POINT_OF_ENTRY_REGISTERED,
  type PointOfEntryEvent,
  type PointOfEntryRegisteredData,
} from './point-of-entry.events';
import { hoursProblem, sameHours, type OpeningHours } from './point-of-entry.hours';

export type PointOfEntryState =
  | { readonly status: 'none' }
  | { readonly status: 'registered'; readonly pointOfEntry: PointOfEntryRegisteredData };

export const initialPointOfEntryState: PointOfEntryState = { status: 'none' };

export function decidePointOfEntry(
  command: PointOfEntryCommand,
  state: PointOfEntryState,
  context: PointOfEntryContext,
): PointOfEntryEvent[] {
  switch (command.kind) {
    case 'RegisterPointOfEntry':
      if (state.status !== 'none') {
        throw new RuleViolation('point-of-entry-already-registered', `${command.pointOfEntry.code} is already registered`);
      }
      checkRegistration(command, context);
      return [{ type: POINT_OF_ENTRY_REGISTERED, data: command.pointOfEntry }];
    case 'ChangePointOfEntryHours':
      if (state.status === 'none') throw new RuleViolation('point-of-entry-not-found', `No point of entry ${command.code}`);
      checkHours(command.hours);
      // The same hours again change nothing: no event, no new revision.
      if (sameHours(state.pointOfEntry.hours, command.hours)) return [];
      return [{ type: POINT_OF_ENTRY_HOURS_CHANGED, data: { code: command.code, hours: command.hours } }];
    default:
      return assertNever(command);
  }
}

function checkRegistration({ pointOfEntry: poe }: RegisterPointOfEntry, context: PointOfEntryContext): void {
  if (!POINT_OF_ENTRY_CODE.test(poe.code)) {
    throw new RuleViolation('point-of-entry-code-malformed', `${poe.code} is not a code like TH-ARANYAPRATHET`);
  }
  if (!(GMS_COUNTRIES as readonly string[]).includes(poe.country)) {
    throw new RuleViolation('country-outside-the-subregion', `${poe.country} is not a Greater Mekong Subregion country`);
  }
  if (!poe.code.startsWith(`${poe.country}-`)) {
    throw new RuleViolation('point-of-entry-code-country-mismatch', `${poe.code} must start with ${poe.country}-`);
  }
  if (poe.country !== context.nodeCountry) {
    throw new RuleViolation(
      'point-of-entry-of-another-country',
      `${poe.code} is in ${poe.country}; this node registers points of entry in ${context.nodeCountry}`,
    );
  }
  if (poe.name.trim().length === 0) throw new RuleViolation('point-of-entry-name-missing', 'A point of entry needs a name');
  if (poe.pairedWith !== null) {
    if (poe.kind === 'air') throw new RuleViolation('airport-cannot-be-paired', 'Only land and sea points of entry have a pair');
    if (!POINT_OF_ENTRY_CODE.test(poe.pairedWith)) {
      throw new RuleViolation('point-of-entry-code-malformed', `${poe.pairedWith} is not a code like KH-POIPET`);
    }
    if (poe.pairedWith.slice(0, 2) === poe.country) {
      throw new RuleViolation('paired-point-of-entry-in-same-country', 'The paired point of entry is across the border');
    }
  }
  checkHours(poe.hours);
}

function checkHours(hours: OpeningHours): void {
  const problem = hoursProblem(hours);
  if (problem) throw new RuleViolation('opening-hours-invalid', `Opening hours: ${problem}`);
}

export function evolvePointOfEntry(state: PointOfEntryState, event: PointOfEntryEvent): PointOfEntryState {
  switch (event.type) {
    case POINT_OF_ENTRY_REGISTERED:
      return { status: 'registered', pointOfEntry: event.data };
    case POINT_OF_ENTRY_HOURS_CHANGED:
      return state.status === 'registered'
        ? { status: 'registered', pointOfEntry: { ...state.pointOfEntry, hours: event.data.hours } }
        : state;
    default:
      return assertNever(event);
  }
}
