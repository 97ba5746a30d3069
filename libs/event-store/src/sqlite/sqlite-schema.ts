import type { SqliteDatabase } from './sqlite-database';

/**
 * One table is the node's log. `position` is the rowid, so the global log is gap-free and
 * ordered by commit. Event ids are unique node-wide because consumers deduplicate by them.
 */
export function migrateEventStore(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position        INTEGER PRIMARY KEY,
      event_id        TEXT    NOT NULL UNIQUE,
      stream_id       TEXT    NOT NULL,
      revision        INTEGER NOT NULL,
      type            TEXT    NOT NULL,
      schema_version  INTEGER NOT NULL,
      data            TEXT    NOT NULL,
      occurred_at     TEXT    NOT NULL,
      recorded_at     TEXT    NOT NULL,
      agency          TEXT    NOT NULL,
      country         TEXT    NOT NULL,
      correlation_id  TEXT    NOT NULL,
      causation_id    TEXT,
      previous_hash   TEXT    NOT NULL,
      hash            TEXT    NOT NULL,
      UNIQUE (stream_id, revision)
    );
  `);
}

/** Row shape of the `events` table. */
export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  occurred_at: string;
  recorded_at: string;
  agency: string;
  country: string;
  correlation_id: string;
  causation_id: string | null;
  previous_hash: string;
  hash: string;
}
