import type { Capacity } from './centre.codes';

export interface CentreRegisteredData {
  readonly code: string;
  readonly name: string;
  readonly country: string;
  readonly province: string;
  readonly capacity: Capacity;
}

export interface CentreCapacityChangedData {
  readonly code: string;
  /** The whole capacity afterwards. */
  readonly capacity: Capacity;
}

export const CENTRE_REGISTERED = 'quarantine.centre-registered.v1';
export const CENTRE_CAPACITY_CHANGED = 'quarantine.centre-capacity-changed.v1';

/** Events of a centre stream; type names are stable and versioned. */
export type CentreEvent =
  | { readonly type: typeof CENTRE_REGISTERED; readonly data: CentreRegisteredData }
  | { readonly type: typeof CENTRE_CAPACITY_CHANGED; readonly data: CentreCapacityChangedData };

export const CENTRE_EVENT_TYPES: readonly CentreEvent['type'][] = [CENTRE_REGISTERED, CENTRE_CAPACITY_CHANGED];

/** Stream of one quarantine centre. */
export const centreStream = (code: string): string => `centre-${code}`;
