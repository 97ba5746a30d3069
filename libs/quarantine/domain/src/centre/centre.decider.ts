import { assertNever, ISO_COUNTRIES, RuleViolation } from '@border-ledger/points-of-entry-domain';
import { CAPACITY_CATEGORIES, type Capacity } from './centre.codes';
import type { CentreCommand, CentreContext } from './centre.commands';
import { CENTRE_CAPACITY_CHANGED, CENTRE_REGISTERED, type CentreEvent, type CentreRegisteredData } from './centre.events';

export type CentreState = { readonly status: 'none' } | { readonly status: 'registered'; readonly centre: CentreRegisteredData };

export const initialCentreState: CentreState = { status: 'none' };

const CODE = /^[A-Z]{2}-[A-Z0-9-]{2,40}$/;

export function decideCentre(command: CentreCommand, state: CentreState, context: CentreContext): CentreEvent[] {
  switch (command.kind) {
    case 'RegisterCentre': {
      if (state.status !== 'none') throw new RuleViolation('centre-already-registered', `Centre ${command.centre.code} is already registered`);
      const { code, name, country, province, capacity } = command.centre;
      if (!CODE.test(code)) throw new RuleViolation('centre-code-malformed', `Centre code ${code} is not COUNTRY-NAME`);
      if (!ISO_COUNTRIES.includes(country)) throw new RuleViolation('unknown-country', `Unknown country ${country}`);
      if (!code.startsWith(`${country}-`)) throw new RuleViolation('centre-code-country-mismatch', `${code} is not in ${country}`);
      if (name.trim() === '') throw new RuleViolation('centre-name-missing', 'A centre needs a name');
      if (province.trim() === '') throw new RuleViolation('centre-province-missing', 'A centre needs a province');
      const checked = checkCapacity(capacity);
      return [{ type: CENTRE_REGISTERED, data: { code, name, country, province, capacity: checked } }];
    }
    case 'ChangeCentreCapacity': {
      if (state.status !== 'registered') throw new RuleViolation('centre-not-found', `No centre ${command.code}`);
      const capacity = checkCapacity(command.capacity);
      const below = CAPACITY_CATEGORIES.filter((category) => capacity[category] < context.occupancy[category]);
      if (below.length > 0) {
        throw new RuleViolation('capacity-below-occupancy', `Capacity below current occupancy for: ${below.join(', ')}`);
      }
      if (CAPACITY_CATEGORIES.every((category) => capacity[category] === state.centre.capacity[category])) return [];
      return [{ type: CENTRE_CAPACITY_CHANGED, data: { code: command.code, capacity } }];
    }
    default:
      return assertNever(command);
  }
}

/** Whole, non-negative places for exactly the known categories. */
function checkCapacity(capacity: Capacity): Capacity {
  const keys = Object.keys(capacity);
  const unknown = keys.filter((key) => !(CAPACITY_CATEGORIES as readonly string[]).includes(key));
  if (unknown.length > 0 || keys.length !== CAPACITY_CATEGORIES.length) {
    throw new RuleViolation('capacity-categories-invalid', `Capacity must list exactly: ${CAPACITY_CATEGORIES.join(', ')}`);
  }
  const invalid = CAPACITY_CATEGORIES.filter((category) => !Number.isInteger(capacity[category]) || capacity[category] < 0);
  if (invalid.length > 0) throw new RuleViolation('capacity-invalid', `Capacity must be whole places ≥ 0: ${invalid.join(', ')}`);
  const total = CAPACITY_CATEGORIES.reduce((sum, category) => sum + capacity[category], 0);
  if (total === 0) throw new RuleViolation('centre-without-capacity', 'A centre needs at least one place');
  return { adults: capacity.adults, families: capacity.families, 'isolation-rooms': capacity['isolation-rooms'], 'children-with-guardian': capacity['children-with-guardian'] };
}

export function evolveCentre(state: CentreState, event: CentreEvent): CentreState {
  switch (event.type) {
    case CENTRE_REGISTERED:
      return { status: 'registered', centre: event.data };
    case CENTRE_CAPACITY_CHANGED:
      return state.status === 'registered' ? { status: 'registered', centre: { ...state.centre, capacity: event.data.capacity } } : state;
    default:
      return assertNever(event);
  }
}
