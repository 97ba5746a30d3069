import { createHash } from 'node:crypto';
import { MerkleError } from './errors';
import { isIndex } from './bytes';

/** Size in bytes of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

// Domain separation (RFC 9162 §2.1.1): a leaf can never be passed off as an interior node.
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** SHA-256 of the empty string: the root of the empty tree, MTH({}) (RFC 9162 §2.1.1). */
export function emptyRoot(): Uint8Array {
  return createHash('sha256').digest();
}

/** Hash of one log entry: SHA-256(0x00 || data) (RFC 9162 §2.1.1). */
export function leafHash(data: Uint8Array): Uint8Array {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** Hash of an interior node: SHA-256(0x01 || left || right) (RFC 9162 §2.1.1). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/**
 * The largest power of two strictly below `n`, for `n >= 2`: where MTH splits a tree of `n` leaves.
 * Arithmetic rather than bit operations, which would truncate sizes to 32 bits.
 */
export function splitPoint(n: number): number {
  if (!isIndex(n) || n < 2) throw new MerkleError('invalid-argument', `No split point for a tree of ${n} leaves`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True for 1, 2, 4, 8, ... */
export function isPowerOfTwo(n: number): boolean {
  if (!isIndex(n) || n < 1) return false;
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/**
 * MTH over a list of leaf hashes (RFC 9162 §2.1.1), computed bottom-up in one pass.
 * The stack holds the roots of complete subtrees of strictly decreasing size, exactly the left
 * children MTH would produce, so folding it right to left at the end gives the same root.
 */
export function rootFromLeafHashes(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return emptyRoot();
  const stack: { hash: Uint8Array; size: number }[] = [];
  for (const hash of hashes) {
    let top = { hash, size: 1 };
    for (let prev = stack.at(-1); prev && prev.size === top.size; prev = stack.at(-1)) {
      stack.pop();
      top = { hash: nodeHash(prev.hash, top.hash), size: prev.size * 2 };
    }
    stack.push(top);
  }
  let root = stack[stack.length - 1].hash;
  for (let i = stack.length - 2; i >= 0; i--) root = nodeHash(stack[i].hash, root);
  return root;
}
