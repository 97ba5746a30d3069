import type { CapacityCategory } from '../centre/centre.codes';

/** What a screening outcome asks of the quarantine service. */
export interface PlacementRequest {
  readonly crossingId: string;
  readonly measure: 'quarantine' | 'isolation';
  readonly days: number;
  readonly category: CapacityCategory;
  /** Where the point of entry is. */
  readonly pointOfEntry: string;
  readonly country: string;
  readonly province: string;
}

/** A centre and its free places by category now (capacity minus occupancy, from a projection). */
export interface CentreAvailability {
  readonly code: string;
  readonly country: string;
  readonly province: string;
  readonly free: Readonly<Record<CapacityCategory, number>>;
}

export type Placement =
  | {
      readonly kind: 'placed';
      readonly crossingId: string;
      readonly centre: string;
      readonly category: CapacityCategory;
      /** Where the centre is relative to the point of entry. */
      readonly proximity: 'same-province' | 'same-country' | 'other-country';
    }
  | {
      readonly kind: 'capacity-alert';
      readonly crossingId: string;
      readonly category: CapacityCategory;
      readonly pointOfEntry: string;
      readonly country: string;
      readonly province: string;
    };

const PROXIMITY_ORDER = ['same-province', 'same-country', 'other-country'] as const;

function proximityOf(request: PlacementRequest, centre: CentreAvailability): (typeof PROXIMITY_ORDER)[number] {
  if (centre.country !== request.country) return 'other-country';
  return centre.province === request.province ? 'same-province' : 'same-country';
}

/**
 * Where to admit a traveller, deterministically whatever the order of `centres`:
 * 1. the first centre (by code) with a free place of the category in the province of the point of entry;
 * 2. else the first (by code) elsewhere in the same country;
 * 3. else the first (by code) in another country;
 * 4. else a capacity alert.
 */
export function placeAdmission(request: PlacementRequest, centres: readonly CentreAvailability[]): Placement {
  const candidates = centres
    .filter((centre) => centre.free[request.category] > 0)
    .map((centre) => ({ centre, proximity: proximityOf(request, centre) }))
    .sort(
      (a, b) =>
        PROXIMITY_ORDER.indexOf(a.proximity) - PROXIMITY_ORDER.indexOf(b.proximity) ||
        (a.centre.code < b.centre.code ? -1 : a.centre.code > b.centre.code ? 1 : 0),
    );
  const [best] = candidates;
  const { crossingId, category, pointOfEntry, country, province } = request;
  if (!best) return { kind: 'capacity-alert', crossingId, category, pointOfEntry, country, province };
  return { kind: 'placed', crossingId, centre: best.centre.code, category, proximity: best.proximity };
}
