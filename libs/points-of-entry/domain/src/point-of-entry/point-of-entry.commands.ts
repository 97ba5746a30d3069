import type { PointOfEntryRegisteredData } from './point-of-entry.events';
import type { OpeningHours } from './point-of-entry.hours';

export interface RegisterPointOfEntry {
  readonly kind: 'RegisterPointOfEntry';
  readonly pointOfEntry: PointOfEntryRegisteredData;
}

export interface ChangePointOfEntryHours {
  readonly kind: 'ChangePointOfEntryHours';
  readonly code: string;
  readonly hours: OpeningHours;
}

export type PointOfEntryCommand = RegisterPointOfEntry | ChangePointOfEntryHours;

/** What a decision needs besides the command and the state. */
export interface PointOfEntryContext {
  /** A node registers the points of entry of its own country only. */
  readonly nodeCountry: string;
}
