import type { SqliteDatabase } from '@border-ledger/event-store';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  MemorySubtreeCache,
  signCheckpoint,
  treeRoot,
  type LeafHashReader,
  type SignedCheckpoint,
} from '@border-ledger/merkle';
import type { KeyObject } from 'node:crypto';

/** A leaf as stored: the exact record bytes that were signed, hashed and sent. */
export interface StoredLeaf {
  readonly logId: string;
  readonly leafIndex: number;
  readonly record: Buffer;
  readonly signature: Buffer;
  readonly keyId: string;
}

/** A checkpoint as stored, with the consistency proof from the one before it. */
export interface StoredCheckpoint {
  readonly logId: string;
  readonly treeSize: number;
  readonly signed: SignedCheckpoint;
  readonly previousTreeSize: number;
  readonly consistencyProof: readonly Uint8Array[];
}

/** What the publisher sends next, in log order. */
export type Unpublished = ({ readonly kind: 'leaf' } & StoredLeaf) | ({ readonly kind: 'checkpoint' } & StoredCheckpoint);

/**
 * The sender's side of every outgoing feed: one append-only Merkle log per agreement and sender,
 * in SQLite beside the exchange's read model. Leaves are never updated or deleted; checkpoints
 * are signed over the tree at a size and kept, so any proof can be served later.
 */
export class OutgoingLog {
  /** Roots of complete subtrees never change in an append-only log: memoised, proofs cost O(log n) reads. */
  private readonly caches = new Map<string, MemorySubtreeCache>();

  constructor(private readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS xb_out_leaves (
      log_id TEXT NOT NULL, leaf_index INTEGER NOT NULL, record BLOB NOT NULL, signature BLOB NOT NULL,
      key_id TEXT NOT NULL, leaf_hash BLOB NOT NULL, source_id TEXT NOT NULL, published INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (log_id, leaf_index), UNIQUE (log_id, source_id))`);
    db.exec(`CREATE TABLE IF NOT EXISTS xb_out_checkpoints (
      log_id TEXT NOT NULL, tree_size INTEGER NOT NULL, body BLOB NOT NULL, signature BLOB NOT NULL, key_id TEXT NOT NULL,
      previous_size INTEGER NOT NULL, proof TEXT NOT NULL, published INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (log_id, tree_size))`);
  }

  /** Number of leaves of a log. */
  size(logId: string): number {
    return this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM xb_out_leaves WHERE log_id = ?').get(logId)!.n;
  }

  /** True when this source (event × agreement) already has its leaf. */
  has(logId: string, sourceId: string): boolean {
    return this.db.prepare('SELECT 1 FROM xb_out_leaves WHERE log_id = ? AND source_id = ?').get(logId, sourceId) !== undefined;
  }

  /**
   * Appends the leaf built by `build(index)` at the next index, in one transaction; returns the
   * index, or undefined when the source already has a leaf (a replay adds nothing).
   */
  append(logId: string, sourceId: string, build: (index: number) => { record: Uint8Array; signature: Uint8Array; keyId: string }): number | undefined {
    return this.db.transaction(() => {
      if (this.has(logId, sourceId)) return undefined;
      const index = this.size(logId);
      const { record, signature, keyId } = build(index);
      this.db
        .prepare('INSERT INTO xb_out_leaves (log_id, leaf_index, record, signature, key_id, leaf_hash, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(logId, index, Buffer.from(record), Buffer.from(signature), keyId, Buffer.from(leafHash(record)), sourceId);
      return index;
    })();
  }

  leaf(logId: string, index: number): StoredLeaf | undefined {
    const row = this.db
      .prepare<[string, number], { record: Buffer; signature: Buffer; key_id: string }>(
        'SELECT record, signature, key_id FROM xb_out_leaves WHERE log_id = ? AND leaf_index = ?',
      )
      .get(logId, index);
    return row ? { logId, leafIndex: index, record: row.record, signature: row.signature, keyId: row.key_id } : undefined;
  }

  /** Reads leaf hashes on demand for the proof functions. */
  reader(logId: string): LeafHashReader {
    const statement = this.db.prepare<[string, number], { leaf_hash: Buffer }>('SELECT leaf_hash FROM xb_out_leaves WHERE log_id = ? AND leaf_index = ?');
    return { leafHash: (index) => statement.get(logId, index)?.leaf_hash };
  }

  inclusionProof(logId: string, index: number, treeSize: number): Uint8Array[] {
    return inclusionProof(index, treeSize, this.reader(logId), this.cache(logId));
  }

  consistencyProof(logId: string, first: number, second: number): Uint8Array[] {
    return consistencyProof(first, second, this.reader(logId), this.cache(logId));
  }

  private cache(logId: string): MemorySubtreeCache {
    let cache = this.caches.get(logId);
    if (!cache) this.caches.set(logId, (cache = new MemorySubtreeCache(16)));
    return cache;
  }

  /** The latest checkpoint of a log, if any. */
  latestCheckpoint(logId: string): StoredCheckpoint | undefined {
    const row = this.db.prepare<[string], CheckpointRow>('SELECT * FROM xb_out_checkpoints WHERE log_id = ? ORDER BY tree_size DESC LIMIT 1').get(logId);
    return row ? toCheckpoint(row) : undefined;
  }

  /** Signs a checkpoint over the whole log when it grew since the last one; returns it, or undefined. */
  checkpoint(logId: string, now: Date, key: { privateKey: KeyObject; keyId: string }): StoredCheckpoint | undefined {
    return this.db.transaction(() => {
      const treeSize = this.size(logId);
      const previous = this.latestCheckpoint(logId);
      const previousTreeSize = previous?.treeSize ?? 0;
      if (treeSize === 0 || treeSize <= previousTreeSize) return undefined;
      const reader = this.reader(logId);
      const cache = this.cache(logId);
      const signed = signCheckpoint({ logId, treeSize, rootHash: treeRoot(treeSize, reader, cache), timestamp: now.toISOString() }, key.privateKey, key.keyId);
      const proof = previousTreeSize > 0 ? consistencyProof(previousTreeSize, treeSize, reader, cache) : [];
      this.db
        .prepare('INSERT INTO xb_out_checkpoints (log_id, tree_size, body, signature, key_id, previous_size, proof) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(logId, treeSize, Buffer.from(signed.body), Buffer.from(signed.signature), signed.keyId, previousTreeSize, JSON.stringify(proof.map((p) => Buffer.from(p).toString('base64'))));
      return { logId, treeSize, signed, previousTreeSize, consistencyProof: proof };
    })();
  }

  /** Logs with leaves not yet covered by a checkpoint. */
  logsAhead(): string[] {
    return this.db
      .prepare<[], { log_id: string }>(
        `SELECT l.log_id FROM xb_out_leaves l GROUP BY l.log_id
         HAVING COUNT(*) > COALESCE((SELECT MAX(tree_size) FROM xb_out_checkpoints c WHERE c.log_id = l.log_id), 0)`,
      )
      .all()
      .map((row) => row.log_id);
  }

  /** Everything not yet published, per log in order: leaves by index, each checkpoint after the leaves it covers. */
  unpublished(limit = 500): Unpublished[] {
    const leaves = this.db
      .prepare<[number], { log_id: string; leaf_index: number; record: Buffer; signature: Buffer; key_id: string }>(
        'SELECT log_id, leaf_index, record, signature, key_id FROM xb_out_leaves WHERE published = 0 ORDER BY log_id, leaf_index LIMIT ?',
      )
      .all(limit)
      .map((r): Unpublished => ({ kind: 'leaf', logId: r.log_id, leafIndex: r.leaf_index, record: r.record, signature: r.signature, keyId: r.key_id }));
    const checkpoints = this.db
      .prepare<[], CheckpointRow>('SELECT * FROM xb_out_checkpoints WHERE published = 0 ORDER BY log_id, tree_size')
      .all()
      .map((row): Unpublished => ({ kind: 'checkpoint', ...toCheckpoint(row) }));
    const position = (item: Unpublished): number => (item.kind === 'leaf' ? item.leafIndex + 0.5 : item.treeSize);
    return [...leaves, ...checkpoints].sort((a, b) => (a.logId < b.logId ? -1 : a.logId > b.logId ? 1 : position(a) - position(b)));
  }

  markPublished(items: readonly Unpublished[]): void {
    const leaf = this.db.prepare('UPDATE xb_out_leaves SET published = 1 WHERE log_id = ? AND leaf_index = ?');
    const checkpoint = this.db.prepare('UPDATE xb_out_checkpoints SET published = 1 WHERE log_id = ? AND tree_size = ?');
    this.db.transaction(() => {
      for (const item of items) {
        if (item.kind === 'leaf') leaf.run(item.logId, item.leafIndex);
        else checkpoint.run(item.logId, item.treeSize);
      }
    })();
  }
}

interface CheckpointRow {
  log_id: string;
  tree_size: number;
  body: Buffer;
  signature: Buffer;
  key_id: string;
  previous_size: number;
  proof: string;
}

function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return {
    logId: row.log_id,
    treeSize: row.tree_size,
    signed: { body: new Uint8Array(row.body), signature: new Uint8Array(row.signature), keyId: row.key_id },
    previousTreeSize: row.previous_size,
    consistencyProof: (JSON.parse(row.proof) as string[]).map((p) => new Uint8Array(Buffer.from(p, 'base64'))),
  };
}
