import { bytesEqual, isIndex } from './bytes';
import { HASH_SIZE, isPowerOfTwo, nodeHash } from './hashing';

/*
 * Verification judges untrusted input, so nothing here throws: every malformed input (sizes that
 * are not safe non-negative integers, index >= size, proof hashes that are not 32 bytes, a proof
 * of the wrong length) makes the proof invalid. Arithmetic stays in doubles (Math.floor, % 2)
 * because JavaScript bit operators truncate to 32 bits.
 */

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);
const isHash = (value: unknown): value is Uint8Array => value instanceof Uint8Array && value.length === HASH_SIZE;

/**
 * The root implied by an inclusion proof for `leafHash` at `index` in a tree of `size` leaves
 * (RFC 9162 §2.1.3.2 steps 1 to 4), or `undefined` when the proof is malformed: index out of
 * range, a proof of the wrong length for that position, or a hash that is not 32 bytes.
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  if (!isIndex(index) || !isIndex(size) || index >= size) return undefined;
  if (!isHash(leafHash) || !Array.isArray(proof) || !proof.every(isHash)) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return undefined; // proof longer than the path
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // Skip the levels where this node is a lone right-edge child carried up unchanged.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined; // sn > 0: proof shorter than the path
}

/**
 * True when `proof` shows that `leafHash` is leaf `index` of the tree of `size` leaves whose root
 * is `root` (RFC 9162 §2.1.3.2). False for any malformed input.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(leafHash, index, size, proof);
  return computed !== undefined && root instanceof Uint8Array && bytesEqual(computed, root);
}

/**
 * True when `proof` shows that the tree of `size2` leaves with root `root2` is an append-only
 * extension of the tree of `size1` leaves with root `root1` (RFC 9162 §2.1.4.2).
 *
 * Edge cases, matching the reference vectors of transparency-dev/merkle:
 * - `size1 > size2` is invalid (history cannot shrink);
 * - `size1 === 0` is invalid, even with equal sizes: a check against the empty tree proves nothing;
 * - `size1 === size2` is valid only with an empty proof and byte-equal roots;
 * - otherwise the RFC algorithm, which refuses an empty proof.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isIndex(size1) || !isIndex(size2) || size1 === 0 || size1 > size2) return false;
  if (!(root1 instanceof Uint8Array) || !(root2 instanceof Uint8Array) || !Array.isArray(proof)) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (proof.length === 0 || !proof.every(isHash)) return false;
  const roots = rootsFromConsistencyProof(size1, size2, isPowerOfTwo(size1) ? [root1, ...proof] : proof);
  return roots !== undefined && bytesEqual(roots.first, root1) && bytesEqual(roots.second, root2);
}

/** RFC 9162 §2.1.4.2 steps 3 to 7 for 0 < size1 < size2; `path` already holds root1 when size1 is a power of two. */
function rootsFromConsistencyProof(
  size1: number,
  size2: number,
  path: readonly Uint8Array[],
): { first: Uint8Array; second: Uint8Array } | undefined {
  let fn = size1 - 1;
  let sn = size2 - 1;
  // Climb past the levels where the old tree's last node is a right child: the proof starts above them.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return undefined; // proof longer than the path
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? { first: fr, second: sr } : undefined;
}
