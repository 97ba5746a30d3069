/**
 * Cross-border exchange benchmark, in process, real SQLite, no broker (the wire is measured by the
 * relay bench): how fast a sender turns records into signed Merkle leaves and checkpoints, serves
 * proofs, and how fast a receiver decodes, checks and verifies them.
 * Run from the repo root: node -r ./infra/scripts/register.js bench/exchange.bench.ts
 * Writes tmp/bench-exchange.json. Takes about half a minute.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openSqlite, type EventEnvelope } from '@border-ledger/event-store';
import { AGREEMENT_RECORDED, agreementRefs, type SharedRecord } from '@border-ledger/exchange-domain';
import { keyIdOf, leafHash, verifyInclusion } from '@border-ledger/merkle';
import { AgreementsStore } from '../libs/exchange/feature/src/agreement/agreements.store';
import { incomingDecoder } from '../libs/exchange/feature/src/incoming/incoming-decoder';
import { IncomingTarget } from '../libs/exchange/feature/src/incoming/incoming.target';
import { feedLogId, IntegrityMonitor } from '../libs/exchange/feature/src/integrity/integrity-monitor';
import { MatchingService } from '../libs/exchange/feature/src/matching/matching.service';
import { OutgoingLog } from '../libs/exchange/feature/src/outgoing/outgoing-log';
import { SharedRecordsStore } from '../libs/exchange/feature/src/shared-records/shared-records.store';
import { checkpointMessage, leafMessage } from '../libs/exchange/feature/src/wire/feed-messages';
import { encodeSharedRecord } from '../libs/exchange/feature/src/wire/record-wire';
import { dec, int, markdownTable, msSince } from './bench-utils';

const LEAVES = 20_000;
const CHECKPOINT_EVERY = 32;
const AGREEMENT = 'th-kh-bench';
const LOG = feedLogId(AGREEMENT, 'TH-IMM');

function main(): void {
  const dir = resolve('tmp', `bench-exchange-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const keys = generateKeyPairSync('ed25519');
  const keyId = keyIdOf(keys.publicKey);
  const refs = agreementRefs(randomBytes(32), AGREEMENT);
  const record = (i: number): SharedRecord => ({
    recordId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, agreementId: AGREEMENT, agreementVersion: 1,
    senderAgency: 'TH-IMM', senderCountry: 'TH', schemaVersion: 1, correlationId: refs.ref('correlation', `c${i}`), causationId: refs.ref('event', `e${i}`),
    occurredAt: new Date(Date.UTC(2026, 2, 1) + i * 1000).toISOString(), recordedAt: new Date(Date.UTC(2026, 2, 1) + i * 1000 + 500).toISOString(), leafIndex: i,
    recordType: 'exchange.crossing.v1',
    payload: { crossingRef: refs.ref('crossing', `x${i}`), travellerRef: refs.travellerRef('passport', `N${i}`, 'KH'), direction: i % 2 ? 'entry' : 'exit',
      pointOfEntry: 'TH-ARANYAPRATHET', pairedPointOfEntry: 'KH-POIPET', crossedAt: new Date(Date.UTC(2026, 2, 1) + i * 1000).toISOString(), ageBand: '25-34', sex: 'female', voided: false },
  });

  // Sender: encode, sign, append; a checkpoint every CHECKPOINT_EVERY leaves.
  const log = new OutgoingLog(openSqlite(join(dir, 'th.sqlite')));
  let checkpointMs = 0;
  const sendStart = process.hrtime.bigint();
  for (let i = 0; i < LEAVES; i += 1) {
    log.append(LOG, `s${i}`, () => {
      const bytes = encodeSharedRecord(record(i));
      return { record: bytes, signature: sign(null, bytes, keys.privateKey), keyId };
    });
    if ((i + 1) % CHECKPOINT_EVERY === 0) {
      const at = process.hrtime.bigint();
      log.checkpoint(LOG, new Date(), { privateKey: keys.privateKey, keyId });
      checkpointMs += msSince(at);
    }
  }
  const sendMs = msSince(sendStart);

  // Proofs a partner asks for.
  const proofStart = process.hrtime.bigint();
  const reader = log.reader(LOG) as { leafHash(index: number): Uint8Array | undefined };
  let verified = 0;
  const root = log.latestCheckpoint(LOG)!;
  for (let i = 0; i < 1000; i += 1) {
    const index = (i * 7919) % root.treeSize;
    const proof = log.inclusionProof(LOG, index, root.treeSize);
    const rootHash = Buffer.from(root.signed.body).toString('utf8').split('\n')[2];
    if (verifyInclusion(reader.leafHash(index) ?? leafHash(new Uint8Array()), index, root.treeSize, proof, Buffer.from(rootHash, 'base64'))) verified += 1;
  }
  const proofMs = msSince(proofStart);

  // Receiver: decode, signature and scope checks, verifier, read model, matching; in one inbox transaction each.
  const db = openSqlite(join(dir, 'kh.sqlite'));
  const agreements = new AgreementsStore(db);
  agreements.apply({ type: AGREEMENT_RECORDED, revision: 0, data: { agreementId: AGREEMENT, version: 1, recordedAt: '2026-01-01T00:00:00Z', terms: {
    agreementId: AGREEMENT, parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'KH-GDI', country: 'KH' }], purpose: 'border-management',
    records: { 'exchange.crossing.v1': { fields: ['ageBand', 'sex'] } }, retentionDays: 30, effectiveFrom: '2026-01-01' } } } as unknown as EventEnvelope);
  const trusted = new Map([[keyId, { keyId, agency: 'TH-IMM', country: 'TH', publicKey: keys.publicKey }]]);
  const integrity = new IntegrityMonitor(db, trusted, () => new Date(), 'KH-GDI');
  const records = new SharedRecordsStore(db);
  const target = new IncomingTarget(db, integrity, records, new MatchingService(db, records, 3_600_000), () => undefined, 'KH');
  const decode = incomingDecoder({ agency: 'KH-GDI', country: 'KH' }, trusted, agreements);
  const messages: Buffer[] = [];
  for (const item of log.unpublished(LEAVES * 2)) messages.push(item.kind === 'leaf' ? leafMessage(item) : checkpointMessage(item));
  const receiveStart = process.hrtime.bigint();
  let refused = 0;
  // As the Kafka consumer does: decode a batch, apply it in one inbox transaction.
  for (let start = 0; start < messages.length; start += 100) {
    const batch: EventEnvelope[] = [];
    for (const value of messages.slice(start, start + 100)) {
      const decoded = decode({ key: LOG, value, headers: {} });
      if (decoded.ok) batch.push(decoded.envelope);
      else refused += 1;
    }
    target.inbox.applyBatchOnce(batch, target.apply);
  }
  const receiveMs = msSince(receiveStart);
  const status = integrity.status()[0];
  if (refused > 0 || status.status !== 'ok' || status.trustedTreeSize !== LEAVES || verified !== 1000) {
    throw new Error(`bench sanity failed: refused ${refused}, ${JSON.stringify(status)}, verified ${verified}`);
  }

  const rows = [
    ['sender: encode + sign + append (incl. checkpoints)', int(LEAVES), `${int((LEAVES * 1000) / sendMs)} leaves/s`, `${dec(sendMs / LEAVES, 3)} ms/leaf`],
    [`sender: checkpoint every ${CHECKPOINT_EVERY} (root + proof + sign)`, int(LEAVES / CHECKPOINT_EVERY), `${int((LEAVES / CHECKPOINT_EVERY) * 1000 / checkpointMs)} /s`, `${dec(checkpointMs / (LEAVES / CHECKPOINT_EVERY), 3)} ms each`],
    ['sender: inclusion proof + verify, tree of 20k', '1,000', `${int(1000 * 1000 / proofMs)} /s`, `${dec(proofMs / 1000, 3)} ms each`],
    ['receiver: decode + signature + scope + verifier + read model + matching (batches of 100)', int(messages.length), `${int(messages.length * 1000 / receiveMs)} msgs/s`, `${dec(receiveMs / messages.length, 3)} ms/msg`],
  ];
  const table = markdownTable(['step', 'count', 'rate', 'per item'], rows);
  process.stdout.write(`${table}\n`);
  mkdirSync('tmp', { recursive: true });
  writeFileSync(join('tmp', 'bench-exchange.json'), JSON.stringify({ rows }, null, 2));
  rmSync(dir, { recursive: true, force: true });
}

main();
