import { Inject, Injectable } from '@nestjs/common';
import type { SqliteDatabase } from '@border-ledger/event-store';
import { READ_MODEL_DB } from '@border-ledger/event-store/nest';
import { CAPACITY_CATEGORIES, emptyCapacity, type Capacity, type CapacityCategory, type Measure } from '@border-ledger/quarantine-domain';
import { migrateStayTables, SEGMENTS_TABLE, STAYS_TABLE } from './stays.projection';

/** Places in use at one centre on one day, by category. */
export interface DailyOccupancy {
  readonly centre: string;
  readonly occupancy: Capacity;
  readonly total: number;
}

export interface ExpectedReleases {
  /** UTC day (YYYY-MM-DD). */
  readonly date: string;
  readonly centre: string;
  readonly count: number;
}

export interface BedDays {
  readonly centre: string;
  readonly byCategory: Capacity;
  readonly total: number;
}

/** A traveller who awaits a place: the capacity alert health officials see. */
export interface CapacityAlertView {
  readonly crossingId: string;
  readonly category: CapacityCategory;
  readonly measure: Measure;
  readonly days: number;
  readonly pointOfEntry: string | null;
  readonly province: string | null;
  readonly raisedAt: string;
}

const DAY_MS = 86_400_000;
export const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Reads over the stays read model. A stay occupies a place at a centre on each UTC day from the day
 * it arrived there up to, not including, the day it left (the hospital census rule): the sum of a
 * period's daily occupancy is its bed-days, and a transfer day counts at the receiving centre.
 */
@Injectable()
export class OccupancyQueries {
  constructor(@Inject(READ_MODEL_DB) private readonly db: SqliteDatabase) {
    migrateStayTables(db);
  }

  /** Places in use now, by centre and category (stays admitted and not yet released, transferred out or absconded). */
  current(): Map<string, Capacity> {
    const rows = this.db
      .prepare<[], { centre: string; category: CapacityCategory; n: number }>(
        `SELECT centre, category, COUNT(*) AS n FROM ${STAYS_TABLE} WHERE status = 'admitted' GROUP BY centre, category`,
      )
      .all();
    return byCentre(rows);
  }

  currentAt(centre: string): Capacity {
    return this.current().get(centre) ?? emptyCapacity();
  }

  /** Occupancy per centre on `day`, by category; centres with nobody that day are left out. */
  onDay(day: string, centre?: string): DailyOccupancy[] {
    const rows = this.db
      .prepare<{ day: string; centre: string | null }, { centre: string; category: CapacityCategory; n: number }>(
        `SELECT centre, category, COUNT(*) AS n FROM ${SEGMENTS_TABLE}
         WHERE from_day <= @day AND (to_day IS NULL OR to_day > @day) AND (@centre IS NULL OR centre = @centre)
         GROUP BY centre, category ORDER BY centre`,
      )
      .all({ day, centre: centre ?? null });
    return [...byCentre(rows)].map(([code, occupancy]) => ({ centre: code, occupancy, total: sum(occupancy) }));
  }

  /** Stays still admitted whose days end on each of the `days` days from `today` (UTC), per centre. */
  expectedReleases(today: string, days: number): { items: ExpectedReleases[]; overdue: number } {
    const last = addDays(today, days - 1);
    const items = this.db
      .prepare<[string, string], ExpectedReleases>(
        `SELECT substr(expected_release_at, 1, 10) AS date, centre, COUNT(*) AS count FROM ${STAYS_TABLE}
         WHERE status = 'admitted' AND substr(expected_release_at, 1, 10) BETWEEN ? AND ?
         GROUP BY date, centre ORDER BY date, centre`,
      )
      .all(today, last);
    const overdue = this.db
      .prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM ${STAYS_TABLE} WHERE status = 'admitted' AND substr(expected_release_at, 1, 10) < ?`)
      .get(today)?.n ?? 0;
    return { items, overdue };
  }

  /**
   * Bed-days used from `from` to `to` (UTC days, inclusive) per centre and category. Stays still
   * there count up to and including `today`, never days to come.
   */
  bedDays(from: string, to: string, today: string, centre?: string): BedDays[] {
    const end = addDays(to, 1);
    const openEnd = addDays(today < to ? today : to, 1);
    const rows = this.db
      .prepare<{ from: string; end: string; openEnd: string; centre: string | null }, { centre: string; category: CapacityCategory; n: number }>(
        `SELECT centre, category, CAST(ROUND(SUM(MAX(0, julianday(MIN(COALESCE(to_day, @openEnd), @end)) - julianday(MAX(from_day, @from))))) AS INTEGER) AS n
         FROM ${SEGMENTS_TABLE} WHERE (@centre IS NULL OR centre = @centre) AND from_day < @end
         GROUP BY centre, category ORDER BY centre`,
      )
      .all({ from, end, openEnd, centre: centre ?? null });
    return [...byCentre(rows)].map(([code, byCategory]) => ({ centre: code, byCategory, total: sum(byCategory) })).filter((b) => b.total > 0);
  }

  /** Travellers awaiting a place, oldest alert first. */
  alerts(): CapacityAlertView[] {
    return this.db
      .prepare<[], CapacityAlertView>(
        `SELECT crossing_id AS crossingId, category, measure, days, point_of_entry AS pointOfEntry, province, raised_at AS raisedAt
         FROM ${STAYS_TABLE} WHERE status = 'awaiting-place' ORDER BY raised_at, crossing_id`,
      )
      .all();
  }
}

function byCentre(rows: readonly { centre: string; category: CapacityCategory; n: number }[]): Map<string, Capacity> {
  const result = new Map<string, Record<CapacityCategory, number>>();
  for (const row of rows) {
    const capacity = result.get(row.centre) ?? { ...emptyCapacity() };
    capacity[row.category] = row.n;
    result.set(row.centre, capacity);
  }
  return result;
}

const sum = (capacity: Capacity): number => CAPACITY_CATEGORIES.reduce((total, category) => total + capacity[category], 0);
