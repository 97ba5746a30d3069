import type { EventEnvelope } from '../port/envelope';
import type { SqliteDatabase } from '../sqlite/sqlite-database';

/**
 * A read model kept in SQLite and built only from events. `apply` runs inside the runner's
 * transaction together with the checkpoint, so each event takes effect exactly once.
 */
export interface SqliteProjection {
  /** Stable name; the checkpoint is stored under it. */
  readonly name: string;
  /** Bump when tables or logic change: the runner then rebuilds the projection from position 0. */
  readonly version: number;
  /** Creates the tables (idempotent). */
  migrate(db: SqliteDatabase): void;
  /** Drops everything the projection holds (for a rebuild). */
  reset(db: SqliteDatabase): void;
  /** Applies one event; events of other types must be ignored. */
  apply(event: EventEnvelope, db: SqliteDatabase): void;
}
