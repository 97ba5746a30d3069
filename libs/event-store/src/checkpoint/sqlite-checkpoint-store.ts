import type { GlobalPosition } from '../port/envelope';
import type { SqliteDatabase } from '../sqlite/sqlite-database';
import type { CheckpointStore } from './checkpoint-store.port';

/** Checkpoints in a SQLite table; safe to share a file with other tables and processes. */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly loadStmt;
  private readonly saveStmt;

  constructor(
    db: SqliteDatabase,
    private readonly clock: () => Date = () => new Date(),
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS checkpoints (
      name TEXT PRIMARY KEY, position INTEGER NOT NULL, updated_at TEXT NOT NULL)`);
    this.loadStmt = db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?');
    this.saveStmt = db.prepare<[string, number, string]>(
      `INSERT INTO checkpoints (name, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    );
  }

  async load(name: string): Promise<GlobalPosition> {
    return this.loadStmt.get(name)?.position ?? 0;
  }

  async save(name: string, position: GlobalPosition): Promise<void> {
    this.saveStmt.run(name, position, this.clock().toISOString());
  }
}
