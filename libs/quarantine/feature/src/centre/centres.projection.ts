import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, SqliteDatabase, SqliteProjection } from '@border-ledger/event-store';
import { READ_MODEL_DB } from '@border-ledger/event-store/nest';
import {
  CENTRE_CAPACITY_CHANGED,
  CENTRE_REGISTERED,
  emptyCapacity,
  type Capacity,
  type CentreCapacityChangedData,
  type CentreRegisteredData,
} from '@border-ledger/quarantine-domain';
import { OccupancyQueries } from '../stay/occupancy.queries';

/** A registered centre as the registry holds it, with its places in use now (from the stays read model). */
export interface RegisteredCentre extends CentreRegisteredData {
  readonly occupancy: Capacity;
  /** Revision of its stream: the `If-Match` for the next edit. */
  readonly revision: number;
}

interface Row {
  code: string;
  name: string;
  country: string;
  province: string;
  adults: number;
  families: number;
  isolation_rooms: number;
  children_with_guardian: number;
  revision: number;
}

const TABLE = 'quarantine_centres';

/** The registry of quarantine centres with their capacity by category, built from the centre events. */
@Injectable()
export class CentresProjection implements SqliteProjection {
  readonly name = 'quarantine.centres';
  readonly version = 1;
  /** Tables it owns (compared in the rebuild test). */
  readonly tables = [TABLE] as const;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: SqliteDatabase,
    private readonly occupancy: OccupancyQueries,
  ) {
    // Queries may come before the runner starts: the table must exist.
    this.migrate(db);
  }

  migrate(db: SqliteDatabase): void {
    db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (
      code TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, province TEXT NOT NULL,
      adults INTEGER NOT NULL, families INTEGER NOT NULL, isolation_rooms INTEGER NOT NULL,
      children_with_guardian INTEGER NOT NULL, revision INTEGER NOT NULL)`);
  }

  reset(db: SqliteDatabase): void {
    db.exec(`DROP TABLE IF EXISTS ${TABLE}`);
  }

  apply(event: EventEnvelope, db: SqliteDatabase): void {
    if (event.type === CENTRE_REGISTERED) {
      const centre = event.data as CentreRegisteredData;
      const c = centre.capacity;
      db.prepare(
        `INSERT INTO ${TABLE} (code, name, country, province, adults, families, isolation_rooms, children_with_guardian, revision)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
      ).run(centre.code, centre.name, centre.country, centre.province, c.adults, c.families, c['isolation-rooms'], c['children-with-guardian'], event.revision);
    } else if (event.type === CENTRE_CAPACITY_CHANGED) {
      const { code, capacity: c } = event.data as CentreCapacityChangedData;
      db.prepare(
        `UPDATE ${TABLE} SET adults = ?, families = ?, isolation_rooms = ?, children_with_guardian = ?, revision = ? WHERE code = ?`,
      ).run(c.adults, c.families, c['isolation-rooms'], c['children-with-guardian'], event.revision, code);
    }
  }

  find(code: string): RegisteredCentre | undefined {
    const row = this.db.prepare<[string], Row>(`SELECT * FROM ${TABLE} WHERE code = ?`).get(code);
    return row ? toView(row, this.occupancy.currentAt(row.code)) : undefined;
  }

  list(filter: { readonly country?: string; readonly province?: string } = {}): RegisteredCentre[] {
    const occupancy = this.occupancy.current();
    return this.db
      .prepare<{ country: string | null; province: string | null }, Row>(
        `SELECT * FROM ${TABLE} WHERE (@country IS NULL OR country = @country) AND (@province IS NULL OR province = @province) ORDER BY code`,
      )
      .all({ country: filter.country ?? null, province: filter.province ?? null })
      .map((row) => toView(row, occupancy.get(row.code) ?? emptyCapacity()));
  }
}

function toView(row: Row, occupancy: Capacity): RegisteredCentre {
  return {
    code: row.code,
    name: row.name,
    country: row.country,
    province: row.province,
    capacity: { adults: row.adults, families: row.families, 'isolation-rooms': row.isolation_rooms, 'children-with-guardian': row.children_with_guardian },
    occupancy,
    revision: row.revision,
  };
}
