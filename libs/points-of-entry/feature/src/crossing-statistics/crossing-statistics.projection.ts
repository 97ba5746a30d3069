import type { EventEnvelope, SqliteDatabase, SqliteProjection } from '@border-ledger/event-store';
import { CROSSING_RECORDED, CROSSING_VOIDED, type CrossingRecordedData, type CrossingVoidedData } from '@border-ledger/points-of-entry-domain';

/** The dimensions a count can be broken down by, with their columns. */
export const CROSSING_DIMENSIONS = {
  direction: 'direction',
  sex: 'sex',
  ageBand: 'age_band',
  nationality: 'nationality',
  channel: 'channel',
} as const;
export type CrossingDimension = keyof typeof CROSSING_DIMENSIONS;
export const CROSSING_DIMENSION_NAMES = Object.keys(CROSSING_DIMENSIONS) as CrossingDimension[];

export interface CrossingStatisticsQuery {
  /** Inclusive local dates (YYYY-MM-DD). */
  readonly from?: string;
  readonly to?: string;
  readonly pointOfEntry?: string;
  /** Dimensions kept; the others are summed over. Point of entry and day are always kept. */
  readonly groupBy: readonly CrossingDimension[];
}

export type CrossingStatisticsRow = { pointOfEntry: string; day: string; crossings: number } & Partial<Record<CrossingDimension, string>>;

const COUNTS = 'poe_crossing_stats';
/** One row per crossing counted, so a void can subtract from the right cell exactly once. */
const COUNTED = 'poe_crossing_stats_counted';
const CELL = 'point_of_entry, day, direction, sex, age_band, nationality, channel';

/**
 * Crossings per point of entry per local day, disaggregated by direction, sex, age band,
 * nationality and channel. The day is the date of `occurredAt` as the post wrote it (its own
 * offset), so a crossing at 23:30 in Mae Sot counts on that Thai date.
 */
export class CrossingStatisticsProjection implements SqliteProjection {
  readonly name = 'points-of-entry.crossing-statistics';
  readonly version = 1;

  constructor(private readonly db: SqliteDatabase) {}

  migrate(db: SqliteDatabase): void {
    db.exec(`CREATE TABLE IF NOT EXISTS ${COUNTS} (
      point_of_entry TEXT NOT NULL, day TEXT NOT NULL, direction TEXT NOT NULL, sex TEXT NOT NULL, age_band TEXT NOT NULL,
      nationality TEXT NOT NULL, channel TEXT NOT NULL, crossings INTEGER NOT NULL, PRIMARY KEY (${CELL}));
    CREATE TABLE IF NOT EXISTS ${COUNTED} (
      crossing_id TEXT PRIMARY KEY, point_of_entry TEXT NOT NULL, day TEXT NOT NULL, direction TEXT NOT NULL, sex TEXT NOT NULL,
      age_band TEXT NOT NULL, nationality TEXT NOT NULL, channel TEXT NOT NULL)`);
  }

  reset(db: SqliteDatabase): void {
    db.exec(`DROP TABLE IF EXISTS ${COUNTS}; DROP TABLE IF EXISTS ${COUNTED}`);
  }

  apply(event: EventEnvelope, db: SqliteDatabase): void {
    if (event.type === CROSSING_RECORDED) {
      const d = event.data as CrossingRecordedData;
      const cell = [d.pointOfEntry, event.occurredAt.slice(0, 10), d.direction, d.sex, d.ageBand, d.nationality, d.channel];
      const counted = db.prepare(`INSERT INTO ${COUNTED} VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`).run(d.crossingId, ...cell);
      if (counted.changes === 1) {
        db.prepare(`INSERT INTO ${COUNTS} VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT DO UPDATE SET crossings = crossings + 1`).run(...cell);
      }
    } else if (event.type === CROSSING_VOIDED) {
      const { crossingId } = event.data as CrossingVoidedData;
      const row = db.prepare(`DELETE FROM ${COUNTED} WHERE crossing_id = ? RETURNING ${CELL}`).raw().get(crossingId) as string[] | undefined;
      if (!row) return;
      const where = `point_of_entry = ? AND day = ? AND direction = ? AND sex = ? AND age_band = ? AND nationality = ? AND channel = ?`;
      db.prepare(`UPDATE ${COUNTS} SET crossings = crossings - 1 WHERE ${where}`).run(...row);
      db.prepare(`DELETE FROM ${COUNTS} WHERE crossings <= 0 AND ${where}`).run(...row);
    }
  }

  /** Counts summed over the dimensions not in `groupBy`, ordered by day, point of entry, then dimensions. */
  query(query: CrossingStatisticsQuery): CrossingStatisticsRow[] {
    const dims = query.groupBy.map((dim) => `${CROSSING_DIMENSIONS[dim]} AS "${dim}"`);
    const dimColumns = query.groupBy.map((dim) => CROSSING_DIMENSIONS[dim]);
    const groups = ['point_of_entry', 'day', ...dimColumns].join(', ');
    const sql = `SELECT point_of_entry AS pointOfEntry, day${dims.map((d) => `, ${d}`).join('')}, SUM(crossings) AS crossings
      FROM ${COUNTS}
      WHERE (@from IS NULL OR day >= @from) AND (@to IS NULL OR day <= @to) AND (@poe IS NULL OR point_of_entry = @poe)
      GROUP BY ${groups} ORDER BY ${['day', 'point_of_entry', ...dimColumns].join(', ')}`;
    return this.db.prepare(sql).all({ from: query.from ?? null, to: query.to ?? null, poe: query.pointOfEntry ?? null }) as CrossingStatisticsRow[];
  }
}
