import { POINTS_OF_ENTRY } from '../reference/points-of-entry.catalogue';
import type { RegisterPointOfEntry } from './point-of-entry.commands';
import { dailyHours, type OpeningHours } from './point-of-entry.hours';

/** Usual hours of a land checkpoint in the subregion; airports never close. */
const LAND_HOURS = dailyHours('06:00', '22:00');
const AIR_HOURS: OpeningHours = { kind: '24h' };

/**
 * Registration commands for a node's own points of entry from the seed catalogue (real paired
 * crossings of DOMAIN.md). The pair across the border is recorded by its code only: the
 * neighbour's node registers it.
 */
export function referenceRegistrations(country: string): RegisterPointOfEntry[] {
  return POINTS_OF_ENTRY.filter((poe) => poe.country === country).map((poe) => ({
    kind: 'RegisterPointOfEntry',
    pointOfEntry: {
      code: poe.code,
      name: poe.name,
      country: poe.country,
      kind: poe.kind,
      pairedWith: poe.pairedWith,
      hours: poe.kind === 'air' ? AIR_HOURS : LAND_HOURS,
    },
  }));
}
