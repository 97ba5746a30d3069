import type { GmsCountry, PointOfEntryKind } from '../reference/codes';
import type { OpeningHours } from './point-of-entry.hours';

/** A point of entry as registered by its node. */
export interface PointOfEntryRegisteredData {
  /** `<country>-<NAME>`, e.g. `TH-ARANYAPRATHET`. */
  readonly code: string;
  readonly name: string;
  readonly country: GmsCountry;
  readonly kind: PointOfEntryKind;
  /** Code of the point of entry across the border (registered by the neighbour's node), or null. */
  readonly pairedWith: string | null;
  readonly hours: OpeningHours;
}

export interface PointOfEntryHoursChangedData {
  readonly code: string;
  readonly hours: OpeningHours;
}

export const POINT_OF_ENTRY_REGISTERED = 'points-of-entry.point-of-entry-registered.v1';
export const POINT_OF_ENTRY_HOURS_CHANGED = 'points-of-entry.point-of-entry-hours-changed.v1';

/** Events of a point-of-entry stream; type names are stable and versioned. */
export type PointOfEntryEvent =
  | { readonly type: typeof POINT_OF_ENTRY_REGISTERED; readonly data: PointOfEntryRegisteredData }
  | { readonly type: typeof POINT_OF_ENTRY_HOURS_CHANGED; readonly data: PointOfEntryHoursChangedData };

export const POINT_OF_ENTRY_EVENT_TYPES: readonly PointOfEntryEvent['type'][] = [
  POINT_OF_ENTRY_REGISTERED,
  POINT_OF_ENTRY_HOURS_CHANGED,
];

/** Stream of one point of entry. */
export const pointOfEntryStream = (code: string): string => `point-of-entry-${code}`;

/** A point-of-entry code: two-letter country, a hyphen, then capitals, digits and hyphens. */
export const POINT_OF_ENTRY_CODE = /^[A-Z]{2}-[A-Z0-9-]{2,40}$/;
