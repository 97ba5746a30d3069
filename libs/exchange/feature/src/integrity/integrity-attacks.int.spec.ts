import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, type EventEnvelope, type SqliteDatabase } from '@border-ledger/event-store';
import { AGREEMENT_RECORDED, agreementRefs, type AgreementTerms, type SharedRecord } from '@border-ledger/exchange-domain';
import { keyIdOf } from '@border-ledger/merkle';
import { AgreementsStore } from '../agreement/agreements.store';
import { incomingDecoder } from '../incoming/incoming-decoder';
import { IncomingTarget } from '../incoming/incoming.target';
import type { TrustedAgency } from '../keys/exchange-keys';
import { MatchingService } from '../matching/matching.service';
import { OutgoingLog } from '../outgoing/outgoing-log';
import { SharedRecordsStore } from '../shared-records/shared-records.store';
import { checkpointMessage, leafMessage } from '../wire/feed-messages';
import { encodeSharedRecord } from '../wire/record-wire';
import { feedLogId, IntegrityMonitor } from './integrity-monitor';

const AGREEMENT = 'th-kh-border';
const LOG = feedLogId(AGREEMENT, 'TH-IMM');
const terms: AgreementTerms = {
  agreementId: AGREEMENT,
  parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'KH-GDI', country: 'KH' }],
  purpose: 'border-management',
  records: { 'exchange.crossing.v1': { fields: ['ageBand'] } },
  retentionDays: 30,
  effectiveFrom: '2026-01-01',
};
const refs = agreementRefs(randomBytes(32), AGREEMENT);
const thKeys = generateKeyPairSync('ed25519');
const thKeyId = keyIdOf(thKeys.publicKey);
const trusted = new Map<string, TrustedAgency>([[thKeyId, { keyId: thKeyId, agency: 'TH-IMM', country: 'TH', publicKey: thKeys.publicKey }]]);

/** The Thai sender, honest or not: it signs whatever history it is told to. */
class Sender {
  readonly log: OutgoingLog;
  constructor(db: SqliteDatabase) {
    this.log = new OutgoingLog(db);
  }
  append(records: readonly SharedRecord[]): void {
    for (const record of records) {
      this.log.append(LOG, record.recordId, () => {
        const bytes = encodeSharedRecord(record);
        return { record: bytes, signature: sign(null, bytes, thKeys.privateKey), keyId: thKeyId };
      });
    }
  }
  checkpoint(at: string) {
    return this.log.checkpoint(LOG, new Date(at), { privateKey: thKeys.privateKey, keyId: thKeyId })!;
  }
  leafValue(index: number): Buffer {
    return leafMessage(this.log.leaf(LOG, index)!);
  }
}

/** The Cambodian receiver: decoder, verifier, read model, as the incoming feed drives them. */
class Receiver {
  readonly integrity: IntegrityMonitor;
  readonly records: SharedRecordsStore;
  readonly deadLetters: string[] = [];
  private readonly target: IncomingTarget;
  private readonly decode: ReturnType<typeof incomingDecoder>;
  constructor(readonly db: SqliteDatabase) {
    const agreements = new AgreementsStore(db);
    agreements.apply({ type: AGREEMENT_RECORDED, data: { agreementId: AGREEMENT, version: 1, terms, recordedAt: '2026-01-01T00:00:00Z' }, revision: 0 } as unknown as EventEnvelope);
    this.integrity = new IntegrityMonitor(db, trusted, () => new Date('2026-03-01T12:00:00Z'), 'KH-GDI');
    this.records = new SharedRecordsStore(db);
    this.target = new IncomingTarget(db, this.integrity, this.records, new MatchingService(db, this.records, 3_600_000), () => undefined, 'KH');
    this.decode = incomingDecoder({ agency: 'KH-GDI', country: 'KH' }, trusted, agreements);
  }
  deliver(value: Buffer): void {
    const decoded = this.decode({ key: LOG, value, headers: {} });
    if (!decoded.ok) this.deadLetters.push(decoded.reason);
    else this.target.inbox.applyOnce(decoded.envelope.eventId, () => this.target.apply(decoded.envelope));
  }
  alerts(): string[] {
    return this.integrity.alerts(LOG).map((a) => a.kind);
  }
}

const crossingRecord = (index: number, leafIndex = index): SharedRecord => ({
  recordId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  agreementId: AGREEMENT, agreementVersion: 1, senderAgency: 'TH-IMM', senderCountry: 'TH', schemaVersion: 1,
  correlationId: refs.ref('correlation', `c${index}`), causationId: refs.ref('event', `e${index}`),
  occurredAt: `2026-03-01T08:${String(index).padStart(2, '0')}:00.000Z`, recordedAt: `2026-03-01T09:${String(index).padStart(2, '0')}:00.000Z`,
  leafIndex,
  recordType: 'exchange.crossing.v1',
  payload: {
    crossingRef: refs.ref('crossing', `x${index}`), travellerRef: refs.ref('unidentified-traveller', `x${index}`), direction: 'exit',
    pointOfEntry: 'TH-ARANYAPRATHET', pairedPointOfEntry: 'KH-POIPET', crossedAt: `2026-03-01T08:${String(index).padStart(2, '0')}:00.000Z`, ageBand: '25-34', voided: false,
  },
});
const history = (n: number) => Array.from({ length: n }, (_, i) => crossingRecord(i));

describe('integrity of a partner feed, attacked (real SQLite, the receiving pipeline end to end)', () => {
  let dir: string;
  const open = (name: string) => openSqlite(join(dir, `${name}.sqlite`));
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bl-integrity-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an honest feed, delivered out of order and twice, raises nothing and is fully trusted', () => {
    const sender = new Sender(open('th'));
    const receiver = new Receiver(open('kh'));
    sender.append(history(8));
    const checkpoint = sender.checkpoint('2026-03-01T10:00:00Z');
    for (const index of [3, 0, 1, 7, 2, 3, 4, 6, 5, 0]) receiver.deliver(sender.leafValue(index));
    receiver.deliver(checkpointMessage(checkpoint));
    receiver.deliver(checkpointMessage(checkpoint));
    expect(receiver.alerts()).toEqual([]);
    expect(receiver.deadLetters).toEqual([]);
    expect(receiver.integrity.status()).toEqual([expect.objectContaining({ logId: LOG, status: 'ok', trustedTreeSize: 8, leavesReceived: 8 })]);
    expect(receiver.records.count('incoming')).toBe(8);
  });

  it('a flipped byte: the record is dead-lettered (bad signature) and the checkpoint then proves it missing', () => {
    const sender = new Sender(open('th'));
    const receiver = new Receiver(open('kh'));
    sender.append(history(6));
    const checkpoint = sender.checkpoint('2026-03-01T10:00:00Z');
    for (let index = 0; index < 6; index += 1) {
      const value = sender.leafValue(index);
      if (index === 2) value[value.length - 20] ^= 0x01;
      receiver.deliver(value);
    }
    receiver.deliver(checkpointMessage(checkpoint));
    expect(receiver.deadLetters).toEqual([expect.stringMatching(/^(bad-signature|malformed)/)]);
    expect(receiver.alerts()).toEqual(['dropped']);
    expect(receiver.integrity.alerts(LOG)[0]).toMatchObject({ index: 2 });
    expect(receiver.records.count('incoming')).toBe(5);
  });

  it('a flipped byte in a checkpoint: refused as a bad signature, nothing trusted', () => {
    const sender = new Sender(open('th'));
    const receiver = new Receiver(open('kh'));
    sender.append(history(4));
    const checkpoint = sender.checkpoint('2026-03-01T10:00:00Z');
    for (let index = 0; index < 4; index += 1) receiver.deliver(sender.leafValue(index));
    const body = Buffer.from(checkpoint.signed.body);
    body[body.length - 3] ^= 0x01;
    receiver.deliver(checkpointMessage({ ...checkpoint, signed: { ...checkpoint.signed, body } }));
    expect(receiver.alerts()).toEqual(['bad-signature']);
    expect(receiver.integrity.status()[0]).toMatchObject({ status: 'alert', trustedTreeSize: 0 });
  });

  it('a dropped event: the checkpoint covers an index that never arrived', () => {
    const sender = new Sender(open('th'));
    const receiver = new Receiver(open('kh'));
    sender.append(history(10));
    for (let index = 0; index < 10; index += 1) if (index !== 5) receiver.deliver(sender.leafValue(index));
    receiver.deliver(checkpointMessage(sender.checkpoint('2026-03-01T10:00:00Z')));
    expect(receiver.alerts()).toEqual(['dropped']);
    expect(receiver.integrity.alerts(LOG)[0]).toMatchObject({ index: 5, treeSize: 10 });
  });

  it('two events swapped: the signed root is not the root of what was delivered', () => {
    const honest = new Sender(open('th'));
    honest.append(history(8));
    const checkpoint = honest.checkpoint('2026-03-01T10:00:00Z');
    // The same records, signed again with positions 3 and 4 exchanged.
    const swapped = new Sender(open('th-swapped'));
    swapped.append(history(8).map((record, index) => (index === 3 ? crossingRecord(4, 3) : index === 4 ? crossingRecord(3, 4) : record)));
    const receiver = new Receiver(open('kh'));
    for (let index = 0; index < 8; index += 1) receiver.deliver(swapped.leafValue(index));
    receiver.deliver(checkpointMessage(checkpoint));
    expect(receiver.alerts()).toEqual(['rewritten-or-reordered']);
    // A receiver that already held the honest order sees the swap as a rewrite of those leaves.
    const earlier = new Receiver(open('kh-earlier'));
    for (let index = 0; index < 8; index += 1) earlier.deliver(honest.leafValue(index));
    earlier.deliver(swapped.leafValue(3));
    expect(earlier.alerts()).toEqual(['rewritten']);
  });

  it('a fork: two receivers shown different histories find out when they compare checkpoints', () => {
    const toA = new Sender(open('th-a'));
    const toB = new Sender(open('th-b'));
    toA.append(history(8));
    toB.append(history(8).map((record, index) => (index === 6 ? crossingRecord(16, 6) : record)));
    const a = new Receiver(open('kh-a'));
    const b = new Receiver(open('kh-b'));
    for (let index = 0; index < 8; index += 1) {
      a.deliver(toA.leafValue(index));
      b.deliver(toB.leafValue(index));
    }
    a.deliver(checkpointMessage(toA.checkpoint('2026-03-01T10:00:00Z')));
    b.deliver(checkpointMessage(toB.checkpoint('2026-03-01T10:00:00Z')));
    expect([a.alerts(), b.alerts()]).toEqual([[], []]);
    const [seenByA] = a.integrity.trustedCheckpoints();
    const witness = b.integrity.witness({ body: Buffer.from(seenByA.checkpoint.body, 'base64'), signature: Buffer.from(seenByA.checkpoint.signature, 'base64'), keyId: seenByA.checkpoint.keyId });
    expect(witness.alerts.map((alert) => alert.kind)).toEqual(['fork']);
    expect(b.integrity.status()[0]).toMatchObject({ status: 'alert' });
  });

  it('a witnessed checkpoint that is not validly signed is refused and leaves no alert (no one can smear a feed)', () => {
    const sender = new Sender(open('th'));
    sender.append(history(4));
    const receiver = new Receiver(open('kh'));
    for (let index = 0; index < 4; index += 1) receiver.deliver(sender.leafValue(index));
    receiver.deliver(checkpointMessage(sender.checkpoint('2026-03-01T10:00:00Z')));
    const signed = { body: Buffer.from(receiver.integrity.trustedCheckpoints()[0].checkpoint.body, 'base64'), signature: new Uint8Array(64), keyId: thKeyId };
    expect(receiver.integrity.witness(signed)).toMatchObject({ status: 'rejected', alerts: [] });
    expect(receiver.integrity.witness({ ...signed, body: Buffer.from(signed.body.toString().replace(LOG, 'other/TH-IMM')) })).toMatchObject({ status: 'unknown-log' });
    expect(receiver.alerts()).toEqual([]);
  });

  it('keeps what it verified across a restart: a later rewrite is still caught', () => {
    const sender = new Sender(open('th'));
    sender.append(history(4));
    const db = open('kh');
    const receiver = new Receiver(db);
    for (let index = 0; index < 4; index += 1) receiver.deliver(sender.leafValue(index));
    receiver.deliver(checkpointMessage(sender.checkpoint('2026-03-01T10:00:00Z')));
    const restarted = new Receiver(db);
    const forged = crossingRecord(40, 2);
    const bytes = encodeSharedRecord(forged);
    restarted.deliver(leafMessage({ logId: LOG, leafIndex: 2, record: Buffer.from(bytes), signature: sign(null, bytes, thKeys.privateKey), keyId: thKeyId }));
    expect(restarted.alerts()).toEqual(['rewritten']);
    expect(restarted.integrity.status()[0]).toMatchObject({ trustedTreeSize: 4, leavesReceived: 4, status: 'alert' });
  });
});
