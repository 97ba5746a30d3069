import { bytesEqual } from './bytes';
import { MerkleError } from './errors';
import { MemorySubtreeCache, treeRoot } from './subtree';

/** Result of {@link LeafLedger.put}. */
export type LeafPut =
  | { readonly kind: 'appended'; readonly from: number; readonly to: number }
  | { readonly kind: 'pending' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'conflict'; readonly existing: Uint8Array };

/** Smallest subtree the ledger memoises: below it, rehashing is cheaper than a Map entry. */
const CACHED_SUBTREE_MIN = 32;

/**
 * The leaf hashes a receiver holds: the contiguous prefix [0, contiguous) and the leaves that
 * arrived beyond a gap. A stored hash is never replaced, which is what makes memoising complete
 * subtrees of the prefix safe.
 */
export class LeafLedger {
  private readonly prefix: Uint8Array[] = [];
  private readonly ahead = new Map<number, Uint8Array>();
  private readonly cache = new MemorySubtreeCache(CACHED_SUBTREE_MIN);

  /**
   * A ledger holding persisted leaves. Throws {@link MerkleError} `invalid-snapshot` when two
   * hashes are given for one index.
   */
  static load(prefix: readonly Uint8Array[], ahead: readonly (readonly [number, Uint8Array])[]): LeafLedger {
    const ledger = new LeafLedger();
    for (const [index, hash] of [...prefix.entries(), ...ahead]) {
      const put = ledger.put(index, hash);
      if (put.kind === 'conflict' || put.kind === 'duplicate') throw new MerkleError('invalid-snapshot', `Leaf ${index} is stored twice`);
    }
    return ledger;
  }

  /** Number of leaves from index 0 with no gap. */
  get contiguous(): number {
    return this.prefix.length;
  }

  /** The hash stored at `index`, in the prefix or ahead of a gap. */
  get(index: number): Uint8Array | undefined {
    return index < this.prefix.length ? this.prefix[index] : this.ahead.get(index);
  }

  /** Stores `hash` at `index` unless a hash is already there; moves leaves ahead into the prefix when a gap closes. */
  put(index: number, hash: Uint8Array): LeafPut {
    const existing = this.get(index);
    if (existing) return bytesEqual(existing, hash) ? { kind: 'duplicate' } : { kind: 'conflict', existing };
    if (index !== this.prefix.length) {
      this.ahead.set(index, hash);
      return { kind: 'pending' };
    }
    const from = this.prefix.length;
    this.prefix.push(hash);
    for (let next = this.ahead.get(this.prefix.length); next; next = this.ahead.get(this.prefix.length)) {
      this.ahead.delete(this.prefix.length);
      this.prefix.push(next);
    }
    return { kind: 'appended', from, to: this.prefix.length };
  }

  /**
   * Indices below `size` that were never received: the total, and the first `limit` of them.
   * Costs O(limit + leaves ahead), whatever `size` a checkpoint claims.
   */
  missingBelow(size: number, limit: number): { count: number; listed: number[] } {
    let aheadBelow = 0;
    for (const index of this.ahead.keys()) if (index < size) aheadBelow++;
    const count = Math.max(0, size - this.prefix.length - aheadBelow);
    const listed: number[] = [];
    for (let i = this.prefix.length; i < size && listed.length < limit && listed.length < count; i++) {
      if (!this.ahead.has(i)) listed.push(i);
    }
    return { count, listed };
  }

  /** Root of our first `size` leaves; throws {@link MerkleError} beyond the contiguous prefix. */
  rootOf(size: number): Uint8Array {
    if (size > this.prefix.length) {
      throw new MerkleError('invalid-argument', `Only ${this.prefix.length} contiguous leaves, asked for ${size}`);
    }
    return treeRoot(size, this.prefix, this.cache);
  }

  /** The contiguous prefix, for snapshots (do not mutate). */
  prefixHashes(): readonly Uint8Array[] {
    return this.prefix;
  }

  /** Leaves ahead of the gap, ascending by index, for snapshots. */
  aheadEntries(): [number, Uint8Array][] {
    return [...this.ahead.entries()].sort(([a], [b]) => a - b);
  }
}
