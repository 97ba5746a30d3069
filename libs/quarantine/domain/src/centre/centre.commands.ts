import type { Capacity } from './centre.codes';
import type { CentreRegisteredData } from './centre.events';

export interface RegisterCentre {
  readonly kind: 'RegisterCentre';
  readonly centre: CentreRegisteredData;
}

export interface ChangeCentreCapacity {
  readonly kind: 'ChangeCentreCapacity';
  readonly code: string;
  readonly capacity: Capacity;
}

export type CentreCommand = RegisterCentre | ChangeCentreCapacity;

/** What a centre decision needs besides the command and the centre's state. */
export interface CentreContext {
  /** Places in use by category, from the stays projection (folded by the caller). */
  readonly occupancy: Capacity;
}
