import { isIndex } from './bytes';
import { MerkleError } from './errors';
import { splitPoint } from './hashing';
import { rangeRoot, type LeafHashReader, type SubtreeCache } from './subtree';

/**
 * Inclusion proof PATH(index, D[0:size]) (RFC 9162 §2.1.3.1): the sibling hashes from the leaf
 * up to the root, lowest first. Empty for a one-leaf tree.
 *
 * Sender side: throws {@link MerkleError} `invalid-argument` unless `0 <= index < size`, and
 * `missing-leaf` when the reader lacks a leaf below `size`.
 */
export function inclusionProof(index: number, size: number, reader: LeafHashReader, cache?: SubtreeCache): Uint8Array[] {
  if (!isIndex(index) || !isIndex(size) || index >= size) {
    throw new MerkleError('invalid-argument', `No inclusion proof for leaf ${index} in a tree of ${size}`);
  }
  // The recursion of the RFC, unrolled from the root down; siblings are collected top first.
  const path: Uint8Array[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      path.push(rangeRoot(lo + k, hi, reader, cache));
      hi = lo + k;
    } else {
      path.push(rangeRoot(lo, lo + k, reader, cache));
      lo += k;
    }
  }
  return path.reverse();
}

/**
 * Consistency proof PROOF(size1, D[0:size2]) (RFC 9162 §2.1.4.1): the hashes that let a holder of
 * the root at `size1` check that the tree at `size2` only appended to it. Empty when the sizes
 * are equal.
 *
 * Sender side: throws {@link MerkleError} `invalid-argument` unless `1 <= size1 <= size2` (from
 * the empty tree there is nothing to prove, and verifiers refuse it), and `missing-leaf` when the
 * reader lacks a leaf below `size2`.
 */
export function consistencyProof(size1: number, size2: number, reader: LeafHashReader, cache?: SubtreeCache): Uint8Array[] {
  if (!isIndex(size1) || !isIndex(size2) || size1 < 1 || size1 > size2) {
    throw new MerkleError('invalid-argument', `No consistency proof from size ${size1} to size ${size2}`);
  }
  // SUBPROOF(m, D[lo:hi], complete) unrolled; `m` is relative to `lo`.
  const proof: Uint8Array[] = [];
  let lo = 0;
  let hi = size2;
  let m = size1;
  let complete = true;
  while (m !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      proof.push(rangeRoot(lo + k, hi, reader, cache));
      hi = lo + k;
    } else {
      proof.push(rangeRoot(lo, lo + k, reader, cache));
      lo += k;
      m -= k;
      complete = false;
    }
  }
  // The old tree's own root is left out only when it is the whole old tree: the verifier has it.
  if (!complete) proof.push(rangeRoot(lo, hi, reader, cache));
  return proof.reverse();
}
