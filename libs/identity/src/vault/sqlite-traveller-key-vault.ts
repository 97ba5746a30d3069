import { randomBytes, randomUUID } from 'node:crypto';
import { openSqlite, type SqliteDatabase } from '@border-ledger/event-store';
import type { TravellerKey } from '../sealing/seal';
import type { KeyLookup, TravellerKeyVault } from './traveller-key-vault.port';

interface KeyRow {
  key_id: string;
  traveller_ref: string;
  key: Buffer | null;
  destroyed_at: string | null;
}

/**
 * The key vault of an edge node: a SQLite file of its own, never the event log's or the read
 * models'. A destroyed key's bytes are overwritten in place (`secure_delete`) and the WAL is
 * truncated, so the key does not linger in the file; the row stays as a tombstone so a reader can
 * tell "erased" from "never known".
 */
export class SqliteTravellerKeyVault implements TravellerKeyVault {
  private readonly db: SqliteDatabase;
  private readonly stmts;
  private closed = false;

  constructor(
    path: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.db = openSqlite(path);
    this.db.pragma('secure_delete = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS traveller_keys (
        key_id TEXT PRIMARY KEY, traveller_ref TEXT NOT NULL, key BLOB,
        created_at TEXT NOT NULL, destroyed_at TEXT);
      CREATE UNIQUE INDEX IF NOT EXISTS traveller_keys_active ON traveller_keys (traveller_ref) WHERE destroyed_at IS NULL;
    `);
    this.stmts = {
      active: this.db.prepare<[string], KeyRow>('SELECT * FROM traveller_keys WHERE traveller_ref = ? AND destroyed_at IS NULL'),
      insert: this.db.prepare<[string, string, Buffer, string]>(
        'INSERT INTO traveller_keys (key_id, traveller_ref, key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      byId: this.db.prepare<[string], KeyRow>('SELECT * FROM traveller_keys WHERE key_id = ?'),
      destroy: this.db.prepare<[string, string, string]>(
        'UPDATE traveller_keys SET key = NULL, destroyed_at = ? WHERE key_id = ? AND traveller_ref = ? AND destroyed_at IS NULL',
      ),
    };
  }

  async keyFor(travellerRef: string): Promise<TravellerKey> {
    this.assertOpen();
    // Read first: a returning traveller costs no write (and no fsync).
    const row =
      this.stmts.active.get(travellerRef) ??
      this.db.transaction(() => {
        this.stmts.insert.run(randomUUID(), travellerRef, randomBytes(32), this.clock().toISOString());
        return this.stmts.active.get(travellerRef);
      })();
    if (!row?.key) throw new Error('Vault could not provide a key');
    return { keyId: row.key_id, travellerRef: row.traveller_ref, key: Buffer.from(row.key) };
  }

  async find(keyId: string): Promise<KeyLookup> {
    this.assertOpen();
    const row = this.stmts.byId.get(keyId);
    if (!row) return { status: 'unknown' };
    if (row.destroyed_at !== null || row.key === null) return { status: 'destroyed', destroyedAt: row.destroyed_at ?? '' };
    return { status: 'active', key: { keyId: row.key_id, travellerRef: row.traveller_ref, key: Buffer.from(row.key) } };
  }

  async activeKeyIds(travellerRef: string): Promise<string[]> {
    this.assertOpen();
    return this.stmts.active.all(travellerRef).map((row) => row.key_id);
  }

  async destroy(travellerRef: string, keyIds: readonly string[]): Promise<string[]> {
    this.assertOpen();
    const at = this.clock().toISOString();
    const destroyed = this.db.transaction(() =>
      keyIds.filter((keyId) => this.stmts.destroy.run(at, keyId, travellerRef).changes > 0),
    )();
    // Old page images of the key live in the WAL until a checkpoint: fold them in and truncate it.
    if (destroyed.length > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return destroyed;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('Traveller key vault is closed');
  }
}
