import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, SqliteDatabase, SqliteProjection } from '@border-ledger/event-store';
import { READ_MODEL_DB } from '@border-ledger/event-store/nest';
import {
  POINT_OF_ENTRY_HOURS_CHANGED,
  POINT_OF_ENTRY_REGISTERED,
  type GmsCountry,
  type OpeningHours,
  type PointOfEntryHoursChangedData,
  type PointOfEntryKind,
  type PointOfEntryRegisteredData,
} from '@border-ledger/points-of-entry-domain';

/** A registered point of entry as the registry holds it. */
export interface RegisteredPointOfEntry extends PointOfEntryRegisteredData {
  /** Revision of its stream: the `If-Match` for the next edit. */
  readonly revision: number;
}

interface Row {
  code: string;
  name: string;
  country: string;
  kind: string;
  paired_with: string | null;
  hours: string;
  revision: number;
}

const TABLE = 'point_of_entry_registry';

/**
 * The registry of the node's points of entry, built from their events: what `GET
 * /points-of-entry` lists and what the crossing handler checks a crossing's post against.
 */
@Injectable()
export class PointOfEntryRegistryProjection implements SqliteProjection {
  readonly name = 'points-of-entry-registry';
  readonly version = 1;
  /** Tables it owns (compared in the rebuild test). */
  readonly tables = [TABLE] as const;

  constructor(@Inject(READ_MODEL_DB) private readonly db: SqliteDatabase) {
    // Queries may come before the runner starts (seeding at bootstrap): the table must exist.
    this.migrate(db);
  }

  migrate(db: SqliteDatabase): void {
    db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (
      code TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, kind TEXT NOT NULL,
      paired_with TEXT, hours TEXT NOT NULL, revision INTEGER NOT NULL)`);
  }

  reset(db: SqliteDatabase): void {
    db.exec(`DROP TABLE IF EXISTS ${TABLE}`);
  }

  apply(event: EventEnvelope, db: SqliteDatabase): void {
    if (event.type === POINT_OF_ENTRY_REGISTERED) {
      const poe = event.data as PointOfEntryRegisteredData;
      db.prepare(
        `INSERT INTO ${TABLE} (code, name, country, kind, paired_with, hours, revision) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (code) DO NOTHING`,
      ).run(poe.code, poe.name, poe.country, poe.kind, poe.pairedWith, JSON.stringify(poe.hours), event.revision);
    } else if (event.type === POINT_OF_ENTRY_HOURS_CHANGED) {
      const change = event.data as PointOfEntryHoursChangedData;
      db.prepare(`UPDATE ${TABLE} SET hours = ?, revision = ? WHERE code = ?`)
        .run(JSON.stringify(change.hours), event.revision, change.code);
    }
  }

  find(code: string): RegisteredPointOfEntry | undefined {
    const row = this.db.prepare<[string], Row>(`SELECT * FROM ${TABLE} WHERE code = ?`).get(code);
    return row ? toView(row) : undefined;
  }

  list(filter: { readonly country?: string; readonly kind?: string } = {}): RegisteredPointOfEntry[] {
    return this.db
      .prepare<{ country: string | null; kind: string | null }, Row>(
        `SELECT * FROM ${TABLE} WHERE (@country IS NULL OR country = @country) AND (@kind IS NULL OR kind = @kind) ORDER BY code`,
      )
      .all({ country: filter.country ?? null, kind: filter.kind ?? null })
      .map(toView);
  }
}

function toView(row: Row): RegisteredPointOfEntry {
  return {
    code: row.code,
    name: row.name,
    country: row.country as GmsCountry,
    kind: row.kind as PointOfEntryKind,
    pairedWith: row.paired_with,
    hours: JSON.parse(row.hours) as OpeningHours,
    revision: row.revision,
  };
}
