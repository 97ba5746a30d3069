import type { EventEnvelope, SqliteDatabase } from '@border-ledger/event-store';
import {
  CROSSING_RECORDED,
  CROSSING_VOIDED,
  findPointOfEntry,
  type CrossingRecordedData,
  type CrossingVoidedData,
} from '@border-ledger/points-of-entry-domain';

export interface SharedCrossingFilter {
  readonly pointOfEntry?: string;
  readonly direction?: string;
  readonly sourceCountry?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface CrossingCount {
  readonly pointOfEntry: string;
  readonly day: string;
  readonly direction: string;
  readonly crossings: number;
}

/** The event types this read model is built from. */
export const SHARED_CROSSING_TYPES: ReadonlySet<string> = new Set([CROSSING_RECORDED, CROSSING_VOIDED]);

/**
 * The coordinators' read model of shared crossings: one row per crossing plus counts per point
 * of entry, day and direction. `apply` must run inside the inbox transaction (exactly once).
 */
export class SharedCrossingsProjection {
  private readonly insert;
  private readonly count;
  private readonly markVoided;

  constructor(private readonly db: SqliteDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS shared_crossings (
        crossing_id TEXT PRIMARY KEY, event_id TEXT NOT NULL, source_country TEXT NOT NULL,
        source_agency TEXT NOT NULL, point_of_entry TEXT NOT NULL, paired_point_of_entry TEXT,
        direction TEXT NOT NULL, channel TEXT NOT NULL, purpose TEXT NOT NULL, nationality TEXT NOT NULL,
        sex TEXT NOT NULL, age_band TEXT NOT NULL, occurred_at TEXT NOT NULL, occurred_utc TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        voided INTEGER NOT NULL DEFAULT 0, void_reason TEXT);
      CREATE INDEX IF NOT EXISTS shared_crossings_poe ON shared_crossings (point_of_entry, occurred_utc);
      CREATE TABLE IF NOT EXISTS crossing_counts (
        point_of_entry TEXT NOT NULL, day TEXT NOT NULL, direction TEXT NOT NULL, crossings INTEGER NOT NULL,
        PRIMARY KEY (point_of_entry, day, direction));
    `);
    this.insert = db.prepare(
      `INSERT INTO shared_crossings (crossing_id, event_id, source_country, source_agency, point_of_entry,
         paired_point_of_entry, direction, channel, purpose, nationality, sex, age_band, occurred_at, occurred_utc, recorded_at)
       VALUES (@crossingId, @eventId, @country, @agency, @pointOfEntry, @paired, @direction, @channel, @purpose,
         @nationality, @sex, @ageBand, @occurredAt, @occurredUtc, @recordedAt)`,
    );
    this.count = db.prepare<[string, string, string, number]>(
      `INSERT INTO crossing_counts (point_of_entry, day, direction, crossings) VALUES (?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET crossings = crossings + excluded.crossings`,
    );
    this.markVoided = db.prepare<[string, string]>(
      'UPDATE shared_crossings SET voided = 1, void_reason = ? WHERE crossing_id = ? AND voided = 0 RETURNING *',
    );
  }

  /** Applies one event; events of other types are ignored. */
  apply(event: EventEnvelope): void {
    if (event.type === CROSSING_RECORDED) {
      const data = event.data as CrossingRecordedData;
      this.insert.run({
        ...data,
        eventId: event.eventId,
        country: event.metadata.country,
        agency: event.metadata.agency,
        paired: findPointOfEntry(data.pointOfEntry)?.pairedWith ?? null,
        occurredAt: event.occurredAt,
        occurredUtc: new Date(event.occurredAt).toISOString(),
        recordedAt: event.recordedAt,
      });
      this.count.run(data.pointOfEntry, event.occurredAt.slice(0, 10), data.direction, 1);
    } else if (event.type === CROSSING_VOIDED) {
      const data = event.data as CrossingVoidedData;
      const row = this.markVoided.get(data.reason, data.crossingId) as
        | { point_of_entry: string; occurred_at: string; direction: string }
        | undefined;
      if (row) this.count.run(row.point_of_entry, row.occurred_at.slice(0, 10), row.direction, -1);
    }
  }

  list(filter: SharedCrossingFilter): { total: number; items: Record<string, unknown>[] } {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: filter.limit, offset: filter.offset };
    if (filter.pointOfEntry) (where.push('point_of_entry = @pointOfEntry'), (params['pointOfEntry'] = filter.pointOfEntry));
    if (filter.direction) (where.push('direction = @direction'), (params['direction'] = filter.direction));
    if (filter.sourceCountry) (where.push('source_country = @sourceCountry'), (params['sourceCountry'] = filter.sourceCountry));
    if (filter.from) (where.push('occurred_utc >= @from'), (params['from'] = new Date(filter.from).toISOString()));
    if (filter.to) (where.push('occurred_utc < @to'), (params['to'] = new Date(filter.to).toISOString()));
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const { total } = this.db.prepare(`SELECT COUNT(*) AS total FROM shared_crossings ${clause}`).get(params) as { total: number };
    const rows = this.db
      .prepare(`SELECT * FROM shared_crossings ${clause} ORDER BY occurred_utc, crossing_id LIMIT @limit OFFSET @offset`)
      .all(params) as Array<Record<string, unknown>>;
    return { total, items: rows.map(toView) };
  }

  counts(pointOfEntry?: string): CrossingCount[] {
    const rows = this.db
      .prepare(
        `SELECT point_of_entry AS pointOfEntry, day, direction, crossings FROM crossing_counts
         WHERE (@poe IS NULL OR point_of_entry = @poe) ORDER BY day, point_of_entry, direction`,
      )
      .all({ poe: pointOfEntry ?? null }) as CrossingCount[];
    return rows;
  }
}

function toView(row: Record<string, unknown>): Record<string, unknown> {
  return {
    crossingId: row['crossing_id'],
    sourceCountry: row['source_country'],
    sourceAgency: row['source_agency'],
    pointOfEntry: row['point_of_entry'],
    pairedPointOfEntry: row['paired_point_of_entry'],
    direction: row['direction'],
    channel: row['channel'],
    purpose: row['purpose'],
    nationality: row['nationality'],
    sex: row['sex'],
    ageBand: row['age_band'],
    occurredAt: row['occurred_at'],
    recordedAt: row['recorded_at'],
    voided: row['voided'] === 1,
  };
}
