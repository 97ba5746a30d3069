import { toHex } from './bytes';
import { leafHash, rootFromLeafHashes } from './hashing';
import { consistencyProof, inclusionProof } from './proofs';
import { consistencyVectors, inclusionVectors, leafInputs, vectorsDir } from './rfc6962-vectors.spec-helpers';
import { treeRoot } from './subtree';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify';

const hex = (hashes: readonly Uint8Array[]): string[] => hashes.map(toHex);

// Read at collection time: a missing vectors folder fails this suite with vectorsDir's message.
const inclusion = inclusionVectors();
const consistency = consistencyVectors();
const { inputs, rootOfAll8Hex } = leafInputs();
const referenceLeaves = inputs.map(leafHash);

describe('RFC 6962 vectors of transparency-dev/merkle', () => {
  it(`are read in place from the shared folder (${vectorsDir()})`, () => {
    expect(inclusion.length).toBeGreaterThanOrEqual(90);
    expect(consistency.length).toBeGreaterThanOrEqual(90);
    expect(inclusion.filter((v) => !v.wantErr).length).toBeGreaterThanOrEqual(6);
    expect(consistency.filter((v) => !v.wantErr).length).toBeGreaterThanOrEqual(6);
    expect(inputs).toHaveLength(8);
  });

  describe('the 8-leaf reference tree', () => {
    it('has the published root', () => {
      expect(toHex(rootFromLeafHashes(referenceLeaves))).toBe(rootOfAll8Hex);
      expect(toHex(treeRoot(8, referenceLeaves))).toBe(rootOfAll8Hex);
    });

    const happyInclusion = inclusion.filter((v) => !v.wantErr && v.treeSize <= 8 && /^inclusion\/\d\//.test(v.file));
    it.each(happyInclusion.map((v) => [v.file, v] as const))('%s: our generator gives the same proof and root', (_file, v) => {
      expect(toHex(referenceLeaves[v.leafIdx]!)).toBe(toHex(v.leafHash));
      expect(hex(inclusionProof(v.leafIdx, v.treeSize, referenceLeaves))).toEqual(hex(v.proof));
      expect(toHex(treeRoot(v.treeSize, referenceLeaves))).toBe(toHex(v.root));
    });

    const happyConsistency = consistency.filter((v) => !v.wantErr && v.size2 <= 8 && /^consistency\/\d\//.test(v.file));
    it.each(happyConsistency.map((v) => [v.file, v] as const))('%s: our generator gives the same proof and roots', (_file, v) => {
      expect(hex(consistencyProof(v.size1, v.size2, referenceLeaves))).toEqual(hex(v.proof));
      expect(toHex(treeRoot(v.size1, referenceLeaves))).toBe(toHex(v.root1));
      expect(toHex(treeRoot(v.size2, referenceLeaves))).toBe(toHex(v.root2));
    });

    it('covers the happy paths of every numbered group', () => {
      expect(happyInclusion).toHaveLength(5);
      expect(happyConsistency).toHaveLength(5);
    });
  });

  describe('inclusion verification', () => {
    it.each(inclusion.map((v) => [v.file, v.wantErr ? 'rejected' : 'verified', v] as const))('%s is %s', (_file, _want, v) => {
      expect(verifyInclusion(v.leafHash, v.leafIdx, v.treeSize, v.proof, v.root)).toBe(!v.wantErr);
    });

    it('computes the root of every valid vector', () => {
      for (const v of inclusion.filter((vector) => !vector.wantErr)) {
        expect(toHex(rootFromInclusionProof(v.leafHash, v.leafIdx, v.treeSize, v.proof)!)).toBe(toHex(v.root));
      }
    });

    it('refuses the 2^64 - 1 index of the vectors, which JSON.parse rounds to an unsafe number', () => {
      const unsafe = inclusion.filter((v) => !Number.isSafeInteger(v.leafIdx));
      expect(unsafe.length).toBeGreaterThan(0);
      for (const v of unsafe) expect(rootFromInclusionProof(v.leafHash, v.leafIdx, v.treeSize, v.proof)).toBeUndefined();
    });
  });

  describe('consistency verification', () => {
    it.each(consistency.map((v) => [v.file, v.wantErr ? 'rejected' : 'verified', v] as const))('%s is %s', (_file, _want, v) => {
      expect(verifyConsistency(v.size1, v.size2, v.proof, v.root1, v.root2)).toBe(!v.wantErr);
    });
  });
});
