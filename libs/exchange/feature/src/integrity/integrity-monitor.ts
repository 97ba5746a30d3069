import type { SqliteDatabase } from '@border-ledger/event-store';
import {
  decodeCheckpointBody,
  FeedVerifier,
  leafHash,
  openCheckpoint,
  signedCheckpointToJson,
  type FeedAlert,
  type FeedVerifierSnapshot,
  type SignedCheckpoint,
  type SignedCheckpointJson,
  type TrustList,
} from '@border-ledger/merkle';
import type { TrustedAgency } from '../keys/exchange-keys';

/** Integrity of one partner feed as a coordinator sees it. */
export interface FeedIntegrity {
  readonly logId: string;
  readonly agency: string;
  readonly leavesReceived: number;
  readonly trustedTreeSize: number;
  readonly trustedAt: string | null;
  readonly status: 'ok' | 'alert';
  readonly alerts: readonly StoredAlert[];
}

export interface StoredAlert {
  readonly kind: FeedAlert['kind'];
  readonly detail: string;
  readonly treeSize: number | null;
  readonly index: number | null;
  readonly raisedAt: string;
}

/** How many leaves between full snapshots of a verifier (leaves in between are replayed on restore). */
const SNAPSHOT_EVERY = 512;

/** Feed logs are `<agreementId>/<sending agency>`; only that agency's keys may sign them. */
export const feedLogId = (agreementId: string, agency: string): string => `${agreementId}/${agency}`;
export const agencyOfLog = (logId: string): string => logId.slice(logId.lastIndexOf('/') + 1);

/**
 * The receiver's verifiers, one per partner feed, persisted in the exchange database after every
 * change (in the caller's transaction), and the integrity alerts they raised. Alerts are facts
 * about a partner's feed: they are kept, never cleared by later good news.
 */
export class IntegrityMonitor {
  private readonly cache = new Map<string, FeedVerifier>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly trusted: ReadonlyMap<string, TrustedAgency>,
    private readonly clock: () => Date,
    /** This node's agency: its own feeds are not witnessed here. */
    private readonly ownAgency: string,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS xb_verifiers (log_id TEXT PRIMARY KEY, snapshot TEXT NOT NULL, trusted_size INTEGER NOT NULL,
      trusted_at TEXT, leaves INTEGER NOT NULL)`);
    // Leaves as they are accepted (cheap, in the inbox's transaction); the full snapshot is written
    // only now and then, and a restore replays the leaves received after it.
    db.exec(`CREATE TABLE IF NOT EXISTS xb_verifier_leaves (log_id TEXT NOT NULL, leaf_index INTEGER NOT NULL, hash BLOB NOT NULL,
      PRIMARY KEY (log_id, leaf_index))`);
    db.exec(`CREATE TABLE IF NOT EXISTS xb_integrity_alerts (id INTEGER PRIMARY KEY AUTOINCREMENT, log_id TEXT NOT NULL,
      kind TEXT NOT NULL, detail TEXT NOT NULL, tree_size INTEGER, leaf_index INTEGER, raised_at TEXT NOT NULL)`);
  }

  /** A record's leaf bytes arrived (signature already checked); `rejected` when it rewrites a leaf we hold. */
  leaf(logId: string, index: number, bytes: Uint8Array): { status: 'ok' | 'duplicate' | 'pending' | 'rejected'; alerts: FeedAlert[] } {
    const verifier = this.verifier(logId);
    const outcome = verifier.acceptLeaf(index, bytes);
    if (outcome.status === 'ok' || outcome.status === 'pending') {
      this.db.prepare('INSERT INTO xb_verifier_leaves (log_id, leaf_index, hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(logId, index, Buffer.from(leafHash(bytes)));
    }
    const full = outcome.alerts.length > 0 || verifier.leafCount % SNAPSHOT_EVERY === 0;
    return { status: outcome.status, alerts: this.settle(verifier, outcome.alerts, full) };
  }

  /** A checkpoint arrived on the partner's feed. */
  checkpoint(logId: string, signed: SignedCheckpoint, consistencyProof: readonly Uint8Array[]): FeedAlert[] {
    const verifier = this.verifier(logId);
    const outcome = verifier.acceptCheckpoint(signed, consistencyProof.length > 0 ? consistencyProof : undefined);
    return this.settle(verifier, outcome.alerts);
  }

  /** A checkpoint another receiver saw (gossip): a different root for a size we hold is a fork. */
  witness(signed: SignedCheckpoint): { logId: string | undefined; alerts: FeedAlert[]; status: string } {
    const logId = decodeCheckpointBody(signed.body)?.logId;
    if (!logId || !this.follows(logId)) return { logId, alerts: [], status: 'unknown-log' };
    // A checkpoint the sender did not sign is no evidence about the sender: refused, nothing kept.
    if (!openCheckpoint(signed, this.trustFor(logId)).ok) return { logId, alerts: [], status: 'rejected' };
    const verifier = this.verifier(logId);
    const outcome = verifier.acceptWitnessedCheckpoint(signed);
    return { logId, alerts: this.settle(verifier, outcome.alerts), status: outcome.status };
  }

  /** The checkpoints this receiver trusts, to show other receivers (gossip). */
  trustedCheckpoints(): { logId: string; treeSize: number; checkpoint: SignedCheckpointJson }[] {
    return this.logIds().flatMap((logId) => {
      const trusted = this.verifier(logId).trusted;
      return trusted ? [{ logId, treeSize: trusted.treeSize, checkpoint: signedCheckpointToJson(trusted.signed) }] : [];
    });
  }

  status(): FeedIntegrity[] {
    const rows = this.db
      .prepare<[], { log_id: string; trusted_size: number; trusted_at: string | null; leaves: number }>('SELECT * FROM xb_verifiers ORDER BY log_id')
      .all();
    return rows.map((row) => {
      const alerts = this.alerts(row.log_id);
      return {
        logId: row.log_id,
        agency: agencyOfLog(row.log_id),
        leavesReceived: row.leaves,
        trustedTreeSize: row.trusted_size,
        trustedAt: row.trusted_at,
        status: alerts.length > 0 ? 'alert' : 'ok',
        alerts,
      };
    });
  }

  alerts(logId: string): StoredAlert[] {
    return this.db
      .prepare<[string], { kind: FeedAlert['kind']; detail: string; tree_size: number | null; leaf_index: number | null; raised_at: string }>(
        'SELECT kind, detail, tree_size, leaf_index, raised_at FROM xb_integrity_alerts WHERE log_id = ? ORDER BY id',
      )
      .all(logId)
      .map((r) => ({ kind: r.kind, detail: r.detail, treeSize: r.tree_size, index: r.leaf_index, raisedAt: r.raised_at }));
  }

  /** A partner's feed this node already receives. */
  private follows(logId: string): boolean {
    return agencyOfLog(logId) !== this.ownAgency && this.db.prepare('SELECT 1 FROM xb_verifiers WHERE log_id = ?').get(logId) !== undefined;
  }

  private logIds(): string[] {
    return this.db.prepare<[], { log_id: string }>('SELECT log_id FROM xb_verifiers ORDER BY log_id').all().map((r) => r.log_id);
  }

  private verifier(logId: string): FeedVerifier {
    const cached = this.cache.get(logId);
    if (cached) return cached;
    const row = this.db.prepare<[string], { snapshot: string }>('SELECT snapshot FROM xb_verifiers WHERE log_id = ?').get(logId);
    const trust = this.trustFor(logId);
    const verifier = row ? FeedVerifier.restore(JSON.parse(row.snapshot) as FeedVerifierSnapshot, trust) : new FeedVerifier(logId, trust);
    const later = this.db
      .prepare<[string, number], { leaf_index: number; hash: Buffer }>('SELECT leaf_index, hash FROM xb_verifier_leaves WHERE log_id = ? AND leaf_index >= ? ORDER BY leaf_index')
      .all(logId, verifier.leafCount);
    for (const leaf of later) verifier.acceptLeafHash(leaf.leaf_index, new Uint8Array(leaf.hash));
    this.cache.set(logId, verifier);
    return verifier;
  }

  /** Only the sending agency's keys, and only for this log. */
  private trustFor(logId: string): TrustList {
    const agency = agencyOfLog(logId);
    return new Map([...this.trusted].filter(([, key]) => key.agency === agency).map(([id, key]) => [id, { publicKey: key.publicKey, agency, logIds: [logId] }]));
  }

  private settle(verifier: FeedVerifier, alerts: readonly FeedAlert[], full = true): FeedAlert[] {
    const now = this.clock().toISOString();
    const trusted = verifier.trusted;
    // Most leaves only move the count (one UPDATE); a full snapshot now and then, or for a new feed.
    const counted = !full && this.db.prepare('UPDATE xb_verifiers SET leaves = ? WHERE log_id = ?').run(verifier.leafCount, verifier.logId).changes === 1;
    if (!counted) {
      this.db
        .prepare(`INSERT INTO xb_verifiers (log_id, snapshot, trusted_size, trusted_at, leaves) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (log_id) DO UPDATE SET snapshot = excluded.snapshot, trusted_size = excluded.trusted_size,
          trusted_at = excluded.trusted_at, leaves = excluded.leaves`)
        .run(verifier.logId, JSON.stringify(verifier.snapshot()), trusted?.treeSize ?? 0, trusted?.timestamp ?? null, verifier.leafCount);
    }
    const insert = this.db.prepare(
      'INSERT INTO xb_integrity_alerts (log_id, kind, detail, tree_size, leaf_index, raised_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const alert of alerts) insert.run(verifier.logId, alert.kind, alert.detail, alert.treeSize ?? null, alert.index ?? null, now);
    return [...alerts];
  }

  /** Drops cached verifiers (after a transaction that persisted them rolled back). */
  forget(): void {
    this.cache.clear();
  }
}
