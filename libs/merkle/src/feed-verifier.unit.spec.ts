import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { bytesEqual } from './bytes';
import type { FeedAlert, FeedAlertKind } from './feed-alerts';
import { at, LOG_ID, record, senderTrust, TestLog } from './feed.spec-helpers';
import { FeedVerifier } from './feed-verifier';
import { MAX_PENDING_WITNESSES } from './feed-witnesses';
import type { FeedVerifierSnapshot } from './feed-snapshot';
import { buildTrustList } from './keys';

const kinds = (alerts: readonly FeedAlert[]): FeedAlertKind[] => alerts.map((a) => a.kind);

/** A verifier that received records [from, to) of `log` in order. */
function received(log: TestLog, to: number, verifier = new FeedVerifier(LOG_ID, senderTrust), from = 0): FeedVerifier {
  for (let i = from; i < to; i++) expect(verifier.acceptLeaf(i, log.records[i]!).alerts).toEqual([]);
  return verifier;
}

/** Delivery plan for an honest feed: windows closed by checkpoints, leaves shuffled and redelivered within them. */
const honestPlan = fc.record({
  size: fc.integer({ min: 1, max: 60 }),
  cuts: fc.uniqueArray(fc.integer({ min: 1, max: 59 }), { maxLength: 5 }),
  order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 120, maxLength: 120 }),
  redelivered: fc.array(fc.nat({ max: 59 }), { maxLength: 30 }),
  withProofs: fc.boolean(),
});

describe('FeedVerifier on an honest feed', () => {
  it('raises nothing for out-of-order arrival and redelivery within checkpoint windows', () => {
    fc.assert(
      fc.property(honestPlan, ({ size, cuts, order, redelivered, withProofs }) => {
        const log = new TestLog(size);
        const verifier = new FeedVerifier(LOG_ID, senderTrust);
        const ends = [...new Set([...cuts.filter((c) => c < size), size])].sort((a, b) => a - b);
        const alerts: FeedAlert[] = [];
        let start = 0;
        ends.forEach((end, w) => {
          const window = [...Array.from({ length: end - start }, (_, i) => start + i), ...redelivered.filter((i) => i >= start && i < end)];
          const deliveries = window.map((index, n) => ({ index, key: order[n % order.length]! + n * 1e-9 })).sort((a, b) => a.key - b.key);
          for (const { index } of deliveries) alerts.push(...verifier.acceptLeaf(index, log.records[index]!).alerts);
          const proof = withProofs && start > 0 ? log.consistency(start, end) : undefined;
          const outcome = verifier.acceptCheckpoint(log.checkpoint(end, at(w + 1)), proof);
          expect(outcome.status).toBe('accepted');
          // Late redelivery of the previous checkpoint, and gossip from an honest peer.
          if (start > 0) expect(verifier.acceptCheckpoint(log.checkpoint(start, at(w))).status).toBe('stale');
          alerts.push(...verifier.acceptWitnessedCheckpoint(log.checkpoint(end, at(w + 1))).alerts);
          start = end;
        });
        expect(alerts).toEqual([]);
        expect(verifier.trusted?.treeSize).toBe(size);
        expect(verifier.leafCount).toBe(size);
      }),
      { numRuns: 100 },
    );
  });

  it('reports redelivery as duplicate, and leaves beyond a gap as pending until it closes', () => {
    const log = new TestLog(4);
    const verifier = new FeedVerifier(LOG_ID, senderTrust);
    expect(verifier.acceptLeaf(2, log.records[2]!)).toEqual({ status: 'pending', alerts: [] });
    expect(verifier.acceptLeaf(2, log.records[2]!)).toEqual({ status: 'duplicate', alerts: [] });
    expect(verifier.acceptLeaf(0, log.records[0]!)).toEqual({ status: 'ok', alerts: [] });
    expect(verifier.leafCount).toBe(1);
    expect(verifier.acceptLeaf(1, log.records[1]!)).toEqual({ status: 'ok', alerts: [] });
    expect(verifier.leafCount).toBe(3);
    expect(verifier.acceptLeaf(0, log.records[0]!).status).toBe('duplicate');
  });

  it('accepts the same tree re-signed later, and trusts a checkpoint once the leaves it was early for arrive', () => {
    const log = new TestLog(6);
    const verifier = received(log, 4);
    expect(verifier.acceptCheckpoint(log.checkpoint(4, at(1))).status).toBe('accepted');
    expect(verifier.acceptCheckpoint(log.checkpoint(4, at(2)))).toMatchObject({ status: 'accepted', trusted: { treeSize: 4, timestamp: at(2) } });
    expect(verifier.acceptCheckpoint(log.checkpoint(6, at(3))).status).toBe('rejected'); // dropped, so far
    received(log, 6, verifier, 4);
    expect(verifier.acceptCheckpoint(log.checkpoint(6, at(3)), log.consistency(4, 6)).status).toBe('accepted');
  });
});

describe('FeedVerifier on an attacked feed', () => {
  it('flags a flipped byte in one record as rewritten-or-reordered at the next checkpoint', () => {
    const log = new TestLog(8);
    const verifier = new FeedVerifier(LOG_ID, senderTrust);
    log.records.forEach((data, i) => {
      const delivered = Uint8Array.from(data);
      if (i === 5) delivered[10]! ^= 0x01;
      verifier.acceptLeaf(i, delivered);
    });
    const outcome = verifier.acceptCheckpoint(log.checkpoint(8, at(1)));
    expect(outcome).toMatchObject({ status: 'rejected', alerts: [{ kind: 'rewritten-or-reordered', logId: LOG_ID, treeSize: 8 }] });
    expect(verifier.trusted).toBeUndefined();
  });

  it('flags a record redelivered with different content as rewritten, and keeps the first', () => {
    const log = new TestLog(3);
    const verifier = received(log, 3);
    const outcome = verifier.acceptLeaf(1, record(1, 'edited'));
    expect(outcome).toMatchObject({ status: 'rejected', alerts: [{ kind: 'rewritten', index: 1 }] });
    expect(verifier.acceptCheckpoint(log.checkpoint(3, at(1))).status).toBe('accepted');
    expect(kinds(new FeedVerifier(LOG_ID, senderTrust).acceptLeaf(7, record(7)).alerts)).toEqual([]);
  });

  it('flags a dropped record, listing what is missing', () => {
    const log = new TestLog(8);
    const verifier = new FeedVerifier(LOG_ID, senderTrust);
    log.records.forEach((data, i) => i !== 5 && verifier.acceptLeaf(i, data));
    const outcome = verifier.acceptCheckpoint(log.checkpoint(8, at(1)));
    expect(outcome).toMatchObject({ status: 'rejected', alerts: [{ kind: 'dropped', index: 5, missing: [5], treeSize: 8 }] });
  });

  it('flags two swapped records as rewritten-or-reordered', () => {
    const log = new TestLog(8);
    const verifier = new FeedVerifier(LOG_ID, senderTrust);
    const swapped = [0, 1, 2, 4, 3, 5, 6, 7];
    swapped.forEach((from, i) => verifier.acceptLeaf(i, log.records[from]!));
    expect(kinds(verifier.acceptCheckpoint(log.checkpoint(8, at(1))).alerts)).toEqual(['rewritten-or-reordered']);
  });

  it('flags a history with a record removed after publication', () => {
    const log = new TestLog(8);
    const verifier = received(log, 8);
    expect(verifier.acceptCheckpoint(log.checkpoint(8, at(1))).status).toBe('accepted');
    const purged = TestLog.of([...log.records.slice(0, 3), ...log.records.slice(4), record(8)]);
    expect(kinds(verifier.acceptLeaf(3, purged.records[3]!).alerts)).toEqual(['rewritten']);
    expect(kinds(verifier.acceptCheckpoint(purged.checkpoint(8, at(2))).alerts)).toEqual(['fork']);
  });

  it('flags a fork when another receiver was shown a different history', () => {
    const honest = new TestLog(8);
    const forged = TestLog.of([...honest.records.slice(0, 2), record(2, 'forged'), ...honest.records.slice(3)]);
    const alice = received(honest, 8);
    const bob = received(forged, 8);
    expect(alice.acceptCheckpoint(honest.checkpoint(8, at(1))).status).toBe('accepted');
    expect(bob.acceptCheckpoint(forged.checkpoint(8, at(1))).status).toBe('accepted');
    const fromBob = bob.trusted!.signed;
    expect(alice.acceptWitnessedCheckpoint(fromBob)).toMatchObject({ status: 'rejected', alerts: [{ kind: 'fork', treeSize: 8 }] });
    expect(kinds(bob.acceptWitnessedCheckpoint(alice.trusted!.signed).alerts)).toEqual(['fork']);
  });

  it('keeps a larger gossiped checkpoint and flags the fork when the leaves arrive', () => {
    const honest = new TestLog(10);
    const forged = TestLog.of([...honest.records.slice(0, 9), record(9, 'forged')]);
    const alice = received(honest, 8);
    expect(alice.acceptWitnessedCheckpoint(forged.checkpoint(10, at(1)))).toEqual({ status: 'pending', alerts: [] });
    expect(alice.acceptWitnessedCheckpoint(honest.checkpoint(9, at(1)))).toEqual({ status: 'pending', alerts: [] });
    expect(alice.acceptLeaf(9, honest.records[9]!)).toEqual({ status: 'pending', alerts: [] });
    expect(alice.acceptLeaf(8, honest.records[8]!)).toMatchObject({ status: 'ok', alerts: [{ kind: 'fork', treeSize: 10 }] });
    expect(alice.snapshot().witnesses).toEqual([]);
  });

  it('keeps each gossiped checkpoint once, and at most MAX_PENDING_WITNESSES of them', () => {
    const log = new TestLog(1);
    const verifier = new FeedVerifier(LOG_ID, senderTrust);
    const gossip = log.checkpoint(1, at(0));
    verifier.acceptWitnessedCheckpoint(gossip);
    verifier.acceptWitnessedCheckpoint(gossip);
    expect(verifier.snapshot().witnesses).toHaveLength(1);
    for (let i = 0; i < MAX_PENDING_WITNESSES + 5; i++) verifier.acceptWitnessedCheckpoint(log.checkpoint(1, at(i + 1)));
    expect(verifier.snapshot().witnesses).toHaveLength(MAX_PENDING_WITNESSES);
    expect(verifier.acceptLeaf(0, log.records[0]!)).toEqual({ status: 'ok', alerts: [] });
    expect(verifier.snapshot().witnesses).toEqual([]);
  });

  it('flags a consistency proof that does not hold as a fork', () => {
    const honest = new TestLog(8);
    // The proof from 4 to 8 is MTH(D[4:8]): a forged record there makes it a proof of another tree.
    const forged = TestLog.of([...honest.records.slice(0, 6), record(6, 'forged'), honest.records[7]!]);
    const verifier = received(honest, 8);
    expect(verifier.acceptCheckpoint(honest.checkpoint(4, at(1))).status).toBe('accepted');
    const outcome = verifier.acceptCheckpoint(honest.checkpoint(8, at(2)), forged.consistency(4, 8));
    expect(kinds(outcome.alerts)).toEqual(['fork']);
    expect(verifier.trusted?.treeSize).toBe(4);
  });

  it('flags a smaller tree signed later as rollback, and a smaller or equal tree with another root as fork', () => {
    const log = new TestLog(10);
    const verifier = received(log, 10);
    expect(verifier.acceptCheckpoint(log.checkpoint(10, at(5))).status).toBe('accepted');
    expect(verifier.acceptCheckpoint(log.checkpoint(8, at(6)))).toMatchObject({ status: 'rejected', alerts: [{ kind: 'rollback', treeSize: 8 }] });
    const other = TestLog.of([record(0, 'other'), ...log.records.slice(1)]);
    expect(kinds(verifier.acceptCheckpoint(other.checkpoint(8, at(4))).alerts)).toEqual(['fork']);
    expect(kinds(verifier.acceptCheckpoint(other.checkpoint(10, at(5))).alerts)).toEqual(['fork']);
    expect(verifier.trusted?.timestamp).toBe(at(5));
  });

  it('flags checkpoints with a bad signature, an unknown key, or of another log', () => {
    const log = new TestLog(2);
    const verifier = received(log, 2);
    const signed = log.checkpoint(2, at(1));
    const tampered = Uint8Array.from(signed.body);
    tampered[0]! ^= 0x20;
    expect(kinds(verifier.acceptCheckpoint({ ...signed, body: tampered }).alerts)).toEqual(['bad-signature']);
    const stranger = TestLog.of(log.records, generateKeyPairSync('ed25519').privateKey);
    expect(kinds(verifier.acceptCheckpoint(stranger.checkpoint(2, at(1))).alerts)).toEqual(['unknown-key']);
    expect(kinds(verifier.acceptWitnessedCheckpoint(stranger.checkpoint(2, at(1))).alerts)).toEqual(['unknown-key']);
    const anyLogKey = generateKeyPairSync('ed25519');
    const otherLog = TestLog.of(log.records, anyLogKey.privateKey, 'la-moh/th-ddc/referrals');
    const trustAll = buildTrustList([{ publicKey: anyLogKey.publicKey, agency: 'LA-MOH' }]);
    expect(kinds(new FeedVerifier(LOG_ID, trustAll).acceptCheckpoint(otherLog.checkpoint(2, at(1))).alerts)).toEqual(['wrong-log']);
  });

  it('flags leaves with an invalid index as malformed', () => {
    const verifier = new FeedVerifier(LOG_ID, senderTrust);
    for (const index of [-1, 1.5, Number.NaN, 2 ** 53]) expect(kinds(verifier.acceptLeaf(index, record(0)).alerts)).toEqual(['malformed']);
  });
});

describe('FeedVerifier snapshots', () => {
  /** A verifier with a trusted checkpoint, a gap, leaves pending beyond it and a gossiped checkpoint waiting. */
  function midway(log: TestLog): FeedVerifier {
    const verifier = received(log, 6);
    verifier.acceptCheckpoint(log.checkpoint(5, at(1)));
    verifier.acceptLeaf(8, log.records[8]!);
    verifier.acceptLeaf(7, log.records[7]!);
    verifier.acceptWitnessedCheckpoint(log.checkpoint(9, at(2)));
    return verifier;
  }

  it('round-trip through JSON and behave the same afterwards', () => {
    const log = new TestLog(12);
    const original = midway(log);
    const json = JSON.parse(JSON.stringify(original.snapshot())) as FeedVerifierSnapshot;
    const restored = FeedVerifier.restore(json, senderTrust);
    expect(restored.snapshot()).toEqual(original.snapshot());
    expect(restored.trusted?.treeSize).toBe(5);
    expect(bytesEqual(restored.trusted!.rootHash, original.trusted!.rootHash)).toBe(true);
    const steps = [
      (v: FeedVerifier) => v.acceptLeaf(7, record(7, 'edited')),
      (v: FeedVerifier) => v.acceptCheckpoint(log.checkpoint(9, at(3))),
      (v: FeedVerifier) => v.acceptLeaf(6, log.records[6]!),
      (v: FeedVerifier) => v.acceptCheckpoint(log.checkpoint(9, at(3)), log.consistency(5, 9)),
      (v: FeedVerifier) => v.acceptCheckpoint(log.checkpoint(4, at(9))),
    ];
    for (const step of steps) expect(step(restored)).toEqual(step(original));
    expect(kinds(steps.flatMap((step) => step(new FeedVerifier(LOG_ID, senderTrust)).alerts))).toContain('dropped');
    expect(restored.snapshot()).toEqual(original.snapshot());
  });

  it('keep detecting a fork after a restore', () => {
    const log = new TestLog(12);
    const forged = TestLog.of([...log.records.slice(0, 8), record(8, 'forged')]);
    const restored = FeedVerifier.restore(midway(log).snapshot(), senderTrust);
    expect(restored.acceptWitnessedCheckpoint(forged.checkpoint(9, at(2))).status).toBe('pending');
    expect(kinds(restored.acceptLeaf(6, log.records[6]!).alerts)).toEqual(['fork']);
  });

  it('refuse a snapshot whose leaves do not give the trusted root, or that is malformed', () => {
    const log = new TestLog(12);
    const snapshot = midway(log).snapshot();
    const leaves = Buffer.from(snapshot.leafHashes, 'base64');
    leaves[40]! ^= 0x01;
    const corrupt = { ...snapshot, leafHashes: leaves.toString('base64') };
    expect(() => FeedVerifier.restore(corrupt, senderTrust)).toThrow(expect.objectContaining({ code: 'invalid-snapshot' }));
    const short = { ...snapshot, leafHashes: leaves.subarray(0, 64).toString('base64') };
    expect(() => FeedVerifier.restore(short, senderTrust)).toThrow(expect.objectContaining({ code: 'invalid-snapshot' }));
    const twice = { ...snapshot, pendingLeaves: [{ index: 1, hash: snapshot.pendingLeaves[0]!.hash }] };
    expect(() => FeedVerifier.restore(twice, senderTrust)).toThrow(expect.objectContaining({ code: 'invalid-snapshot' }));
    const versioned = { ...snapshot, version: 2 } as unknown as FeedVerifierSnapshot;
    expect(() => FeedVerifier.restore(versioned, senderTrust)).toThrow(expect.objectContaining({ code: 'invalid-snapshot' }));
  });
});
