import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { MerkleError } from './errors';
import { emptyRoot, leafHash, nodeHash, rootFromLeafHashes } from './hashing';
import { consistencyProof, inclusionProof } from './proofs';
import { MemorySubtreeCache, subtreeRoot, treeRoot, type LeafHashReader } from './subtree';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify';

/** Leaf hashes of a tree of `size` distinct records, deterministic per seed. */
function leaves(size: number, seed: number): Uint8Array[] {
  return Array.from({ length: size }, (_, i) => leafHash(Buffer.from(`record ${seed}/${i}`)));
}

/** A copy of `bytes` with one bit flipped. */
function flip(bytes: Uint8Array, byte: number, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[byte % copy.length]! ^= 1 << bit;
  return copy;
}

/** A random tree and a leaf index in it. */
const treeAndIndex = fc
  .record({ size: fc.integer({ min: 1, max: 300 }), seed: fc.nat() })
  .chain(({ size, seed }) => fc.record({ size: fc.constant(size), seed: fc.constant(seed), index: fc.integer({ min: 0, max: size - 1 }) }));

/** A random tree and two sizes 1 <= size1 <= size2 = its size. */
const treeAndOldSize = fc
  .record({ size: fc.integer({ min: 1, max: 300 }), seed: fc.nat() })
  .chain(({ size, seed }) => fc.record({ size: fc.constant(size), seed: fc.constant(seed), old: fc.integer({ min: 1, max: size }) }));

/** The textbook recursive MTH of RFC 9162 §2.1.1, as an independent oracle. */
function mth(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return createHash('sha256').digest();
  if (hashes.length === 1) return hashes[0]!;
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return nodeHash(mth(hashes.slice(0, k)), mth(hashes.slice(k)));
}

describe('tree hashing', () => {
  it('is the recursive MTH of RFC 9162 for every size up to 300, bottom-up, recursive and cached', () => {
    const all = leaves(300, 7);
    const cache = new MemorySubtreeCache();
    for (let size = 0; size <= 300; size++) {
      const expected = Buffer.from(mth(all.slice(0, size))).toString('hex');
      expect(Buffer.from(rootFromLeafHashes(all.slice(0, size))).toString('hex')).toBe(expected);
      expect(Buffer.from(treeRoot(size, all, cache)).toString('hex')).toBe(expected);
    }
    expect(cache.size).toBeGreaterThan(0);
  });

  it('separates leaves from nodes and hashes the empty tree as SHA-256 of nothing', () => {
    expect(Buffer.from(emptyRoot()).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const [a, b] = leaves(2, 1) as [Uint8Array, Uint8Array];
    expect(Buffer.from(leafHash(Buffer.concat([a, b])))).not.toEqual(Buffer.from(nodeHash(a, b)));
  });

  it('reads leaves from any reader and refuses missing ones and empty ranges', () => {
    const all = leaves(5, 3);
    const reader: LeafHashReader = { leafHash: (i) => all[i] };
    expect(subtreeRoot(0, 5, reader)).toEqual(subtreeRoot(0, 5, all));
    expect(() => subtreeRoot(0, 6, reader)).toThrow(MerkleError);
    expect(() => subtreeRoot(3, 3, all)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => treeRoot(6, all)).toThrow(expect.objectContaining({ code: 'missing-leaf' }));
  });
});

describe('inclusion proofs', () => {
  it('from the generator verify, and give the tree root', () => {
    fc.assert(
      fc.property(treeAndIndex, ({ size, seed, index }) => {
        const all = leaves(size, seed);
        const root = rootFromLeafHashes(all);
        const proof = inclusionProof(index, size, all);
        expect(verifyInclusion(all[index]!, index, size, proof, root)).toBe(true);
        expect(Buffer.from(rootFromInclusionProof(all[index]!, index, size, proof)!)).toEqual(Buffer.from(root));
      }),
      { numRuns: 300 },
    );
  });

  it('fail with any bit flipped in a proof hash, the root or the leaf, and at any other index', () => {
    fc.assert(
      fc.property(treeAndIndex, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 7 }), ({ size, seed, index }, which, byte, bit) => {
        const all = leaves(size, seed);
        const root = rootFromLeafHashes(all);
        const proof = inclusionProof(index, size, all);
        if (proof.length > 0) {
          const at = which % proof.length;
          const tampered = proof.map((p, i) => (i === at ? flip(p, byte, bit) : p));
          expect(verifyInclusion(all[index]!, index, size, tampered, root)).toBe(false);
        }
        expect(verifyInclusion(all[index]!, index, size, proof, flip(root, byte, bit))).toBe(false);
        expect(verifyInclusion(flip(all[index]!, byte, bit), index, size, proof, root)).toBe(false);
        if (size > 1) expect(verifyInclusion(all[index]!, (index + 1 + (which % (size - 1))) % size, size, proof, root)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('are refused when the index is not below the size, or a hash is missing or malformed', () => {
    const all = leaves(4, 1);
    expect(() => inclusionProof(4, 4, all)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => inclusionProof(-1, 4, all)).toThrow(MerkleError);
    expect(() => inclusionProof(0, 0, all)).toThrow(MerkleError);
    expect(() => inclusionProof(0, 5, all)).toThrow(expect.objectContaining({ code: 'missing-leaf' }));
    const proof = inclusionProof(1, 4, all);
    const root = rootFromLeafHashes(all);
    expect(verifyInclusion(all[1]!, 1, 4, [...proof, proof[0]!], root)).toBe(false);
    expect(verifyInclusion(all[1]!, 1, 4, proof.slice(1), root)).toBe(false);
    expect(verifyInclusion(all[1]!, 1, 4, [proof[0]!.subarray(1), proof[1]!], root)).toBe(false);
    expect(verifyInclusion(all[1]!, 1.5, 4, proof, root)).toBe(false);
    expect(verifyInclusion(all[1]!, 1, Number.MAX_SAFE_INTEGER + 2, proof, root)).toBe(false);
  });

  it('are the same with a database-like reader and a warm cache', () => {
    const all = leaves(300, 9);
    const reads: number[] = [];
    const reader: LeafHashReader = { leafHash: (i) => (reads.push(i), all[i]) };
    const cache = new MemorySubtreeCache();
    treeRoot(300, reader, cache);
    reads.length = 0;
    const proof = inclusionProof(123, 300, reader, cache);
    expect(proof.map((p) => Buffer.from(p).toString('hex'))).toEqual(inclusionProof(123, 300, all).map((p) => Buffer.from(p).toString('hex')));
    expect(reads.length).toBeLessThan(20); // O(log n) with a warm cache, not 300
  });
});

describe('consistency proofs', () => {
  it('from the generator verify for every 1 <= size1 <= size2', () => {
    fc.assert(
      fc.property(treeAndOldSize, ({ size, seed, old }) => {
        const all = leaves(size, seed);
        const proof = consistencyProof(old, size, all);
        expect(verifyConsistency(old, size, proof, treeRoot(old, all), treeRoot(size, all))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('fail with any bit flipped in a proof hash or either root', () => {
    fc.assert(
      fc.property(treeAndOldSize, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 7 }), ({ size, seed, old }, which, byte, bit) => {
        const all = leaves(size, seed);
        const [root1, root2] = [treeRoot(old, all), treeRoot(size, all)];
        const proof = consistencyProof(old, size, all);
        if (proof.length > 0) {
          const at = which % proof.length;
          const tampered = proof.map((p, i) => (i === at ? flip(p, byte, bit) : p));
          expect(verifyConsistency(old, size, tampered, root1, root2)).toBe(false);
        }
        expect(verifyConsistency(old, size, proof, flip(root1, byte, bit), root2)).toBe(false);
        expect(verifyConsistency(old, size, proof, root1, flip(root2, byte, bit))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('fail against a history that was changed below size1', () => {
    fc.assert(
      fc.property(treeAndOldSize, fc.nat(), ({ size, seed, old }, which) => {
        const all = leaves(size, seed);
        const forked = all.map((h, i) => (i === which % old ? leafHash(Buffer.from('forged')) : h));
        const proof = consistencyProof(old, size, forked);
        expect(verifyConsistency(old, size, proof, treeRoot(old, all), treeRoot(size, forked))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('are refused from the empty tree, backwards, or beyond the leaves held', () => {
    const all = leaves(4, 2);
    expect(() => consistencyProof(0, 4, all)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => consistencyProof(3, 2, all)).toThrow(MerkleError);
    expect(() => consistencyProof(2, 5, all)).toThrow(expect.objectContaining({ code: 'missing-leaf' }));
    expect(consistencyProof(4, 4, all)).toEqual([]);
    expect(verifyConsistency(0, 0, [], emptyRoot(), emptyRoot())).toBe(false);
    expect(verifyConsistency(2, 4, consistencyProof(2, 4, all), treeRoot(2, all), treeRoot(4, all))).toBe(true);
    expect(verifyConsistency(2, 4, [], treeRoot(2, all), treeRoot(4, all))).toBe(false);
  });
});
