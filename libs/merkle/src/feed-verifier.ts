import { bytesEqual, isIndex, toHex } from './bytes';
import { openCheckpoint, type CheckpointBody, type SignedCheckpoint } from './checkpoint';
import { assertNever, MerkleError } from './errors';
import {
  MAX_LISTED_MISSING,
  type CheckpointOutcome,
  type FeedAlert,
  type FeedAlertKind,
  type LeafOutcome,
  type Rejection,
  type TrustedCheckpoint,
  type WitnessOutcome,
} from './feed-alerts';
import { LeafLedger } from './feed-leaves';
import { fromSnapshot, toSnapshot, type FeedVerifierSnapshot, type OpenCheckpoint } from './feed-snapshot';
import { PendingWitnesses } from './feed-witnesses';
import { HASH_SIZE, leafHash } from './hashing';
import type { TrustList } from './keys';
import { verifyConsistency } from './verify';

/**
 * The receiver side of one feed. It holds every leaf hash received, the last trusted checkpoint
 * and gossiped checkpoints still to check; it raises {@link FeedAlert}s on rewritten, reordered,
 * dropped or forked history, and none for redelivery or out-of-order arrival.
 *
 * Accept methods never throw on untrusted input: they answer with an outcome. State is in memory;
 * persist {@link FeedVerifier.snapshot} after each accepted change, and {@link FeedVerifier.restore} it.
 * Not safe for concurrent use: one verifier per feed, calls in sequence.
 */
export class FeedVerifier {
  private leaves = new LeafLedger();
  private current: OpenCheckpoint | undefined;
  private witnesses = new PendingWitnesses();

  /** A verifier for `logId` that knows nothing yet and trusts checkpoints signed by `trustList`. */
  constructor(
    readonly logId: string,
    private readonly trustList: TrustList,
  ) {}

  /**
   * A verifier from a snapshot. Throws {@link MerkleError} `invalid-snapshot` when the snapshot is
   * malformed, stores two hashes for one index, has a gap below its trusted checkpoint, or its
   * leaves do not give the trusted root. Signatures are not checked again: they were when the
   * checkpoints were accepted, and the signing key may have been retired since.
   */
  static restore(snapshot: FeedVerifierSnapshot, trustList: TrustList): FeedVerifier {
    const state = fromSnapshot(snapshot);
    const verifier = new FeedVerifier(state.logId, trustList);
    verifier.leaves = LeafLedger.load(state.prefix, state.pending);
    const trusted = state.trusted;
    if (trusted && (trusted.body.treeSize > verifier.leaves.contiguous || !verifier.holdsRoot(trusted.body))) {
      throw new MerkleError('invalid-snapshot', `Trusted checkpoint of ${state.logId} does not match the stored leaves`);
    }
    verifier.current = trusted;
    verifier.witnesses = new PendingWitnesses(state.witnesses);
    return verifier;
  }

  /** The state as plain JSON. */
  snapshot(): FeedVerifierSnapshot {
    const { logId, current: trusted, leaves } = this;
    const witnesses = this.witnesses.list();
    return toSnapshot({ logId, prefix: leaves.prefixHashes(), pending: leaves.aheadEntries(), trusted, witnesses });
  }

  /** Leaves held from index 0 with no gap. */
  get leafCount(): number {
    return this.leaves.contiguous;
  }

  /** The checkpoint currently trusted, if any. */
  get trusted(): TrustedCheckpoint | undefined {
    return this.current && trustedView(this.current);
  }

  /** Takes record `index` of the feed as delivered; see {@link LeafOutcome}. */
  acceptLeaf(index: number, leafBytes: Uint8Array): LeafOutcome {
    if (!(leafBytes instanceof Uint8Array)) return this.reject('malformed', `Leaf ${String(index)} has no byte content`);
    return this.acceptLeafHash(index, leafHash(leafBytes));
  }

  /** As {@link FeedVerifier.acceptLeaf}, for a caller that already holds the RFC 9162 leaf hash. */
  acceptLeafHash(index: number, hash: Uint8Array): LeafOutcome {
    if (!isIndex(index)) return this.reject('malformed', `Leaf index ${String(index)} is not a non-negative integer`);
    if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) return this.reject('malformed', `Leaf ${index}: no 32-byte hash`);
    const put = this.leaves.put(index, hash);
    switch (put.kind) {
      case 'duplicate':
        return { status: 'duplicate', alerts: [] };
      case 'pending':
        return { status: 'pending', alerts: [] };
      case 'conflict':
        return this.reject('rewritten', `Leaf ${index} redelivered as ${toHex(hash)}, first seen as ${toHex(put.existing)}`, { index });
      case 'appended':
        return { status: 'ok', alerts: this.checkWitnesses() };
      default:
        return assertNever(put);
    }
  }

  /**
   * Takes a checkpoint the sender published for this feed, with an optional consistency proof
   * from the trusted checkpoint to it. The receiver holds every leaf, so it checks the root
   * against its own leaves and needs no proof; a supplied proof is still verified, because a
   * sender serving a bad one to us serves it to receivers that rely on it. No proof is checked
   * from a trusted size of 0 (RFC 9162 has none), nor for a checkpoint no larger than the trusted
   * one (its root is compared with our leaves instead). See {@link CheckpointOutcome}.
   */
  acceptCheckpoint(signed: SignedCheckpoint, consistencyProof?: readonly Uint8Array[]): CheckpointOutcome {
    const opened = this.open(signed);
    if ('status' in opened) return opened;
    const { body } = opened;
    const trusted = this.current?.body;
    if (trusted && body.treeSize <= trusted.treeSize) return this.notNewer(opened, trusted);
    const missing = this.leaves.missingBelow(body.treeSize, MAX_LISTED_MISSING);
    if (missing.count > 0) {
      const detail = `Checkpoint of size ${body.treeSize} covers ${missing.count} leaves never received, from ${missing.listed[0]}`;
      return this.reject('dropped', detail, { treeSize: body.treeSize, index: missing.listed[0], missing: missing.listed });
    }
    if (!this.holdsRoot(body)) {
      const detail = `Root of checkpoint ${body.treeSize} differs from the root of the leaves received`;
      return this.reject('rewritten-or-reordered', detail, { treeSize: body.treeSize });
    }
    if (trusted && trusted.treeSize > 0 && consistencyProof !== undefined) {
      if (!verifyConsistency(trusted.treeSize, body.treeSize, consistencyProof, trusted.rootHash, body.rootHash)) {
        return this.reject('fork', `Consistency proof from ${trusted.treeSize} to ${body.treeSize} fails`, { treeSize: body.treeSize });
      }
    }
    return this.trust(opened);
  }

  /**
   * Takes a checkpoint of this feed that another receiver saw (gossip). If it is no larger than
   * our leaves, its root must equal the root of our prefix of its size, or the sender has shown
   * two histories (`fork`). A larger one is kept and checked as leaves arrive. See {@link WitnessOutcome}.
   */
  acceptWitnessedCheckpoint(signed: SignedCheckpoint): WitnessOutcome {
    const opened = this.open(signed);
    if ('status' in opened) return opened;
    if (opened.body.treeSize > this.leaves.contiguous) {
      this.witnesses.add(opened);
      return { status: 'pending', alerts: [] };
    }
    const fork = this.forkAlert(opened.body);
    return fork ? { status: 'rejected', alerts: [fork] } : { status: 'consistent', alerts: [] };
  }

  private notNewer(opened: OpenCheckpoint, trusted: CheckpointBody): CheckpointOutcome {
    const { body } = opened;
    const fork = this.forkAlert(body);
    if (fork) return { status: 'rejected', alerts: [fork] };
    const newer = Date.parse(body.timestamp) > Date.parse(trusted.timestamp);
    if (body.treeSize < trusted.treeSize && newer) {
      const detail = `Checkpoint of size ${body.treeSize} at ${body.timestamp} follows size ${trusted.treeSize} at ${trusted.timestamp}`;
      return this.reject('rollback', detail, { treeSize: body.treeSize });
    }
    // Same tree re-signed later: trusting it only refreshes the time.
    return newer ? this.trust(opened) : { status: 'stale', alerts: [] };
  }

  private trust(opened: OpenCheckpoint): CheckpointOutcome {
    this.current = opened;
    return { status: 'accepted', trusted: trustedView(opened), alerts: [] };
  }

  /** A `fork` alert when our prefix of the checkpoint's size (which we must hold) has another root. */
  private forkAlert(body: CheckpointBody): FeedAlert | undefined {
    if (this.holdsRoot(body)) return undefined;
    const detail = `Signed root for size ${body.treeSize} at ${body.timestamp} differs from the history received`;
    return this.alert('fork', detail, { treeSize: body.treeSize });
  }

  private holdsRoot(body: CheckpointBody): boolean {
    return bytesEqual(this.leaves.rootOf(body.treeSize), body.rootHash);
  }

  /** Checks the kept witnesses that our leaves now cover. */
  private checkWitnesses(): FeedAlert[] {
    const due = this.witnesses.takeDue(this.leaves.contiguous);
    return due.map((w) => this.forkAlert(w.body)).filter((alert): alert is FeedAlert => alert !== undefined);
  }

  private open(signed: SignedCheckpoint): OpenCheckpoint | Rejection {
    const opened = openCheckpoint(signed, this.trustList);
    if (!opened.ok) return this.reject(opened.reason, opened.detail);
    if (opened.body.logId !== this.logId) {
      return this.reject('wrong-log', `Checkpoint of log ${opened.body.logId} signed by ${opened.keyId} delivered as ${this.logId}`);
    }
    return { signed, body: opened.body };
  }

  private reject(kind: FeedAlertKind, detail: string, extra: Partial<FeedAlert> = {}): Rejection {
    return { status: 'rejected', alerts: [this.alert(kind, detail, extra)] };
  }

  private alert(kind: FeedAlertKind, detail: string, extra: Partial<FeedAlert> = {}): FeedAlert {
    return { ...extra, kind, logId: this.logId, detail };
  }
}

function trustedView({ signed, body }: OpenCheckpoint): TrustedCheckpoint {
  return { treeSize: body.treeSize, rootHash: body.rootHash, timestamp: body.timestamp, signed };
}
