import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { decodeFeedRecord } from '@border-ledger/contracts';
import {
  buildTrustList,
  fromBase64,
  leafHash,
  openCheckpoint,
  signedCheckpointFromJson,
  verifyConsistency,
  verifyInclusion,
  type CheckpointBody,
  type SignedCheckpointJson,
} from '@border-ledger/merkle';
import { feedLogId } from '../integrity/integrity-monitor';
import { NODE, startExchangeTestNode, type ExchangeTestNode, type Reply } from '../testing/exchange-node.test-app';
import { fromFeedRecord } from '../wire/record-wire';

const AGREEMENT = 'th-kh-border';
const LOG = feedLogId(AGREEMENT, NODE.agency);
const FEED = `/exchange/feeds/${AGREEMENT}`;

interface CheckpointView {
  readonly logId: string;
  readonly treeSize: number;
  readonly checkpoint: SignedCheckpointJson;
  readonly keyId: string;
  readonly publicKeyPem: string;
}

const fieldsOf = (reply: Reply): string[] => ((reply.body['errors'] as { field: string }[] | undefined) ?? []).map((e) => e.field);
const proofOf = (reply: Reply): Uint8Array[] => (reply.body['proof'] as string[]).map((p) => fromBase64(p)!);

/**
 * The verification endpoints as a partner uses them: without an account here, it opens the
 * signed checkpoint with the key it was given, and checks every leaf it holds and the growth of
 * the log between two checkpoints.
 */
describe('GET /exchange/feeds/:agreementId/… (public verification of an outgoing feed)', () => {
  let node: ExchangeTestNode;

  beforeAll(async () => {
    node = await startExchangeTestNode({ agreementIds: [AGREEMENT] });
    const agreement = {
      agreementId: AGREEMENT,
      parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'KH-GDI', country: 'KH' }],
      purpose: 'border-management',
      records: { 'exchange.crossing.v1': { fields: ['ageBand'] } },
      retentionDays: 90,
      effectiveFrom: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    };
    expect((await node.send('POST', '/exchange/agreements', { as: 'administrator', body: agreement })).status).toBe(201);
    await node.settle();
  });
  afterAll(() => node.close());

  const crossings = async (count: number, from: number): Promise<void> => {
    for (let i = from; i < from + count; i += 1) await node.recordCrossing({ traveller: { documentType: 'passport', documentNumber: `N${String(i).padStart(7, '0')}` } });
    await node.settle();
  };

  /** Polls the public checkpoint (no token) until it covers `size` leaves. */
  const checkpointAt = async (size: number): Promise<CheckpointView> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const reply = await node.send('GET', `${FEED}/checkpoint`, { as: null });
      if (reply.status === 200 && (reply.body as unknown as CheckpointView).treeSize >= size) return reply.body as unknown as CheckpointView;
      if (Date.now() > deadline) throw new Error(`No checkpoint of ${size} leaves: ${reply.status} ${JSON.stringify(reply.body)}`);
      await node.runtime.publisher.tick(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  /** What a partner does with a checkpoint: open it under the key it trusts. */
  const open = (view: CheckpointView): CheckpointBody => {
    const trust = buildTrustList([{ publicKey: createPublicKey(view.publicKeyPem), agency: NODE.agency, logIds: [LOG] }]);
    const signed = signedCheckpointFromJson(view.checkpoint);
    expect(signed).toBeDefined();
    const opened = openCheckpoint(signed!, trust);
    if (!opened.ok) throw new Error(`${opened.reason}: ${opened.detail}`);
    expect(opened.keyId).toBe(view.keyId);
    expect(opened.body.logId).toBe(LOG);
    expect(opened.body.treeSize).toBe(view.treeSize);
    return opened.body;
  };

  it('before anything is shared there is no checkpoint: 404', async () => {
    expect((await node.send('GET', '/exchange/feeds/th-kh-unknown/checkpoint', { as: null })).status).toBe(404);
  });

  it('every leaf is included under the signed checkpoint, and the log only grew between two checkpoints', async () => {
    await crossings(3, 0);
    const first = await checkpointAt(3);
    const firstBody = open(first);
    expect(first.logId).toBe(LOG);

    await crossings(4, 3);
    const second = await checkpointAt(first.treeSize + 4);
    const secondBody = open(second);
    expect(second.treeSize).toBe(node.logSize(AGREEMENT));
    const n = second.treeSize;
    const publicKey = createPublicKey(second.publicKeyPem);

    for (let index = 0; index < n; index += 1) {
      const reply = await node.send('GET', `${FEED}/proofs/inclusion?index=${index}&treeSize=${n}`, { as: null });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ index, treeSize: n });
      const leaf = node.runtime.log.leaf(LOG, index)!;
      expect(verifyInclusion(leafHash(leaf.record), index, n, proofOf(reply), secondBody.rootHash)).toBe(true);
      // The leaf is the signed record it claims to be, placed at its index.
      expect(verify(null, leaf.record, publicKey, leaf.signature)).toBe(true);
      const decoded = decodeFeedRecord(leaf.record);
      if (!decoded.ok) throw new Error(decoded.reason);
      const record = fromFeedRecord(decoded.message);
      if (!record.ok) throw new Error(record.reason);
      expect(record.record).toMatchObject({ agreementId: AGREEMENT, leafIndex: index, recordType: 'exchange.crossing.v1' });
      // The traveller ref is the agreement's ref of the document, as the partner computes it.
      expect((record.record.payload as { travellerRef: string }).travellerRef).toBe(node.agreementTravellerRef(AGREEMENT, `N${String(index).padStart(7, '0')}`, 'KH'));
      // Negative control: another leaf does not verify at this index.
      const other = node.runtime.log.leaf(LOG, (index + 1) % n)!;
      expect(verifyInclusion(leafHash(other.record), index, n, proofOf(reply), secondBody.rootHash)).toBe(false);
    }
    // Inclusion in the older checkpoint too.
    for (let index = 0; index < first.treeSize; index += 1) {
      const reply = await node.send('GET', `${FEED}/proofs/inclusion?index=${index}&treeSize=${first.treeSize}`, { as: null });
      expect(verifyInclusion(leafHash(node.runtime.log.leaf(LOG, index)!.record), index, first.treeSize, proofOf(reply), firstBody.rootHash)).toBe(true);
    }

    const consistency = await node.send('GET', `${FEED}/proofs/consistency?first=${first.treeSize}&second=${n}`, { as: null });
    expect(consistency.status).toBe(200);
    expect(consistency.body).toMatchObject({ first: first.treeSize, second: n });
    expect(verifyConsistency(first.treeSize, n, proofOf(consistency), firstBody.rootHash, secondBody.rootHash)).toBe(true);
    expect(verifyConsistency(first.treeSize, n, proofOf(consistency), secondBody.rootHash, firstBody.rootHash)).toBe(false);
    // Equal sizes: an empty proof.
    const same = await node.send('GET', `${FEED}/proofs/consistency?first=${n}&second=${n}`, { as: null });
    expect(same.status).toBe(200);
    expect(verifyConsistency(n, n, proofOf(same), secondBody.rootHash, secondBody.rootHash)).toBe(true);
  });

  it('the checkpoint is signed by the key a partner was given, and refused under any other', async () => {
    const view = await checkpointAt(1);
    const stranger = buildTrustList([{ publicKey: generateKeyPairSync('ed25519').publicKey, agency: 'TH-IMM' }]);
    expect(openCheckpoint(signedCheckpointFromJson(view.checkpoint)!, stranger)).toMatchObject({ ok: false, reason: 'unknown-key' });
    const forTheWrongLog = buildTrustList([{ publicKey: createPublicKey(view.publicKeyPem), agency: 'TH-IMM', logIds: ['th-kh-other/TH-IMM'] }]);
    expect(openCheckpoint(signedCheckpointFromJson(view.checkpoint)!, forTheWrongLog)).toMatchObject({ ok: false, reason: 'unknown-key' });
  });

  describe('bad query values get 400 naming the field', () => {
    const cases: [string, string, string][] = [
      ['index at treeSize', 'proofs/inclusion?index=2&treeSize=2', 'index'],
      ['index beyond treeSize', 'proofs/inclusion?index=5&treeSize=2', 'index'],
      ['treeSize beyond the log', 'proofs/inclusion?index=0&treeSize=100000', 'treeSize'],
      ['treeSize 0', 'proofs/inclusion?index=0&treeSize=0', 'index'],
      ['index not a number', 'proofs/inclusion?index=abc&treeSize=2', 'index'],
      ['index negative', 'proofs/inclusion?index=-1&treeSize=2', 'index'],
      ['index fractional', 'proofs/inclusion?index=0.5&treeSize=2', 'index'],
      ['index with a leading zero', 'proofs/inclusion?index=01&treeSize=2', 'index'],
      ['index missing', 'proofs/inclusion?treeSize=2', 'index'],
      ['treeSize missing', 'proofs/inclusion?index=0', 'treeSize'],
      ['treeSize in exponent form', 'proofs/inclusion?index=0&treeSize=1e3', 'treeSize'],
      ['index repeated', 'proofs/inclusion?index=0&index=1&treeSize=2', 'index'],
      ['index huge', 'proofs/inclusion?index=99999999999999999999&treeSize=2', 'index'],
      ['first 0', 'proofs/consistency?first=0&second=2', 'first'],
      ['first above second', 'proofs/consistency?first=3&second=2', 'first'],
      ['second beyond the log', 'proofs/consistency?first=1&second=100000', 'second'],
      ['first not a number', 'proofs/consistency?first=one&second=2', 'first'],
      ['second missing', 'proofs/consistency?first=1', 'second'],
      ['second empty', 'proofs/consistency?first=1&second=', 'second'],
    ];
    it.each(cases)('%s', async (_name, query, field) => {
      await checkpointAt(3);
      const reply = await node.send('GET', `${FEED}/${query}`, { as: null });
      expect(reply.status).toBe(400);
      expect(fieldsOf(reply)).toEqual([field]);
    });

    it.each(['TH-KH', 'th_kh', 'a--', 'a-b-c-d-e-f-g-h-i-j-k-l', 'th-kh-border-'])('a malformed agreement id %p', async (id) => {
      for (const path of ['checkpoint', 'proofs/inclusion?index=0&treeSize=1', 'proofs/consistency?first=1&second=1']) {
        const reply = await node.send('GET', `/exchange/feeds/${encodeURIComponent(id)}/${path}`, { as: null });
        expect(reply.status).toBe(400);
        expect(fieldsOf(reply)).toEqual(['agreementId']);
      }
    });

    it('a log that does not exist has no leaves: proofs into it are refused', async () => {
      const reply = await node.send('GET', '/exchange/feeds/th-kh-nothing/proofs/inclusion?index=0&treeSize=1', { as: null });
      expect(reply.status).toBe(400);
      expect(fieldsOf(reply)).toEqual(['treeSize']);
    });
  });
});
