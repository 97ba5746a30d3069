import { isIndex } from './bytes';
import { MerkleError } from './errors';
import { emptyRoot, HASH_SIZE, isPowerOfTwo, nodeHash, splitPoint } from './hashing';

/**
 * Where tree hashing reads leaf hashes: an in-memory array, or any object that fetches the hash of
 * leaf `index` on demand (a prepared statement over a `leaf_hashes` table, for instance), so a
 * sender never needs its whole log in one array. Reads are synchronous, like better-sqlite3.
 */
export type LeafHashReader = readonly Uint8Array[] | { leafHash(index: number): Uint8Array | undefined };

/**
 * Memo of the roots of complete, aligned subtrees: `size` is a power of two and `start` a multiple
 * of it. In an append-only log those never change once their leaves exist, and every tree size
 * reuses them, so computing a root or proof costs O(log n) reads instead of O(n) when warm.
 * One cache per log: entries carry no log id.
 */
export interface SubtreeCache {
  get(start: number, size: number): Uint8Array | undefined;
  set(start: number, size: number, hash: Uint8Array): void;
}

/** A {@link SubtreeCache} in a Map. Subtrees smaller than `minSize` are not kept (cheap to recompute). */
export class MemorySubtreeCache implements SubtreeCache {
  private readonly entries = new Map<string, Uint8Array>();

  constructor(private readonly minSize = 2) {}

  /** {@inheritDoc SubtreeCache.get} */
  get(start: number, size: number): Uint8Array | undefined {
    return this.entries.get(`${start}/${size}`);
  }

  /** {@inheritDoc SubtreeCache.set} */
  set(start: number, size: number, hash: Uint8Array): void {
    if (size >= this.minSize) this.entries.set(`${start}/${size}`, hash);
  }

  /** Number of cached subtrees. */
  get size(): number {
    return this.entries.size;
  }
}

/** The hash of leaf `index`; throws {@link MerkleError} `missing-leaf` when the reader has none. */
export function readLeafHash(reader: LeafHashReader, index: number): Uint8Array {
  const hash = isLeafArray(reader) ? reader[index] : reader.leafHash(index);
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    throw new MerkleError('missing-leaf', `No ${HASH_SIZE}-byte hash for leaf ${index}`);
  }
  return hash;
}

/**
 * MTH(D[start:end]) (RFC 9162 §2.1.1) over leaves `start` (inclusive) to `end` (exclusive).
 * Throws {@link MerkleError} for an empty or invalid range, or a leaf the reader lacks.
 */
export function subtreeRoot(start: number, end: number, reader: LeafHashReader, cache?: SubtreeCache): Uint8Array {
  if (!isIndex(start) || !isIndex(end) || start >= end) {
    throw new MerkleError('invalid-argument', `Invalid leaf range [${start}, ${end})`);
  }
  return rangeRoot(start, end, reader, cache);
}

/** Root of the tree made of the first `size` leaves; the empty-tree root for size 0. */
export function treeRoot(size: number, reader: LeafHashReader, cache?: SubtreeCache): Uint8Array {
  if (!isIndex(size)) throw new MerkleError('invalid-argument', `Invalid tree size ${size}`);
  return size === 0 ? emptyRoot() : rangeRoot(0, size, reader, cache);
}

/** Unchecked recursion behind {@link subtreeRoot}; depth is at most log2(end - start). */
export function rangeRoot(start: number, end: number, reader: LeafHashReader, cache?: SubtreeCache): Uint8Array {
  const n = end - start;
  if (n === 1) return readLeafHash(reader, start);
  const cacheable = cache !== undefined && isPowerOfTwo(n) && start % n === 0;
  const cached = cacheable ? cache.get(start, n) : undefined;
  if (cached) return cached;
  const k = splitPoint(n);
  const hash = nodeHash(rangeRoot(start, start + k, reader, cache), rangeRoot(start + k, end, reader, cache));
  if (cacheable) cache.set(start, n, hash);
  return hash;
}

function isLeafArray(reader: LeafHashReader): reader is readonly Uint8Array[] {
  return Array.isArray(reader);
}
