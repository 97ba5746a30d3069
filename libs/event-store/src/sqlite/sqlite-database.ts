import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A better-sqlite3 connection, re-exported so other libs need not import the driver. */
export type SqliteDatabase = Database.Database;

/**
 * Opens a SQLite file for durable, concurrent use: WAL so readers in other processes (the relay)
 * never block the writer, `synchronous=FULL` so a commit survives power loss, and a busy timeout
 * so two processes writing the same file wait rather than fail.
 */
export function openSqlite(path: string, options: { readonly?: boolean } = {}): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 10000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  }
  return db;
}
