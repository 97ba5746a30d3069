import { create, equals, fromBinary, toBinary } from '@bufbuild/protobuf';
import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import fc from 'fast-check';
import {
  CrossBorderReferralSchema,
  FeedMessageSchema,
  FeedRecordSchema,
  SharedCrossingSchema,
  SharedScreeningOutcomeSchema,
  SharedTraffickingFlagSchema,
  SignedCheckpointSchema,
  SignedRecordSchema,
  decodeFeedMessage,
  decodeFeedRecord,
  encodeFeedMessage,
  encodeFeedRecord,
  timestampFromIso,
  type FeedRecord,
} from '../index';

const at = (iso: string) => timestampFromIso(iso);

const crossing = create(SharedCrossingSchema, {
  crossingRef: 'cx-1',
  travellerRef: 'tr-9f2c',
  direction: 'entry',
  pointOfEntry: 'TH-ARANYAPRATHET',
  pairedPointOfEntry: 'KH-POIPET',
  crossedAt: at('2026-11-23T02:15:00.250Z'),
  channel: 'road',
  purpose: 'work',
  nationality: 'KH',
  sex: 'F',
  ageBand: '10-14',
  travelGroup: 'unaccompanied-child',
  voided: false,
});
const screening = create(SharedScreeningOutcomeSchema, {
  crossingRef: 'cx-1',
  travellerRef: 'tr-9f2c',
  pointOfEntry: 'TH-ARANYAPRATHET',
  decidedAt: at('2026-11-23T02:40:00Z'),
  outcomeCategory: 'quarantine',
  quarantineDays: 14,
});
const flag = create(SharedTraffickingFlagSchema, {
  flagRef: 'fl-7',
  crossingRef: 'cx-1',
  travellerRef: 'tr-9f2c',
  pointOfEntry: 'TH-ARANYAPRATHET',
  observedAt: at('2026-11-23T02:20:00Z'),
  status: 'raised',
  severity: 'high',
  childProtection: true,
  indicators: ['document-held-by-other', 'travelling-with-unrelated-adult'],
});
const referral = create(CrossBorderReferralSchema, {
  referralRef: 'rf-3',
  stage: 'requested',
  fromAgency: 'TH-MSDHS',
  toAgency: 'KH-MOSVY',
  flagRef: 'fl-7',
  travellerRef: 'tr-9f2c',
  services: ['shelter', 'family-tracing'],
  reasonCode: 'child-protection',
  at: at('2026-11-23T03:00:00Z'),
  ageBand: '10-14',
  nationality: 'KH',
});

const envelope = {
  recordId: '0b9a7c1e-4d2f-4c59-9a51-5b2d7e1f0c11',
  agreementId: 'TH-KH-child-protection',
  agreementVersion: 3,
  senderAgency: 'TH-IMM',
  senderCountry: 'TH',
  schemaVersion: 1,
  correlationId: 'case-42',
  causationId: '',
  occurredAt: at('2026-11-23T02:15:00.250Z'),
  recordedAt: at('2026-11-23T02:15:01.000123Z'),
  leafIndex: 18_446_744_073_709_551_615n,
};
const records: Record<string, FeedRecord> = {
  crossing: create(FeedRecordSchema, { ...envelope, recordType: 'crossing.recorded', payload: { case: 'crossing', value: crossing } }),
  screening: create(FeedRecordSchema, { ...envelope, recordType: 'screening.decided', payload: { case: 'screeningOutcome', value: screening } }),
  flag: create(FeedRecordSchema, { ...envelope, recordType: 'trafficking-flag.raised', payload: { case: 'traffickingFlag', value: flag } }),
  referral: create(FeedRecordSchema, { ...envelope, recordType: 'referral.requested', payload: { case: 'referral', value: referral } }),
};
const signedRecord = create(SignedRecordSchema, {
  record: encodeFeedRecord(records['crossing']!),
  signature: new Uint8Array(64).fill(7),
  keyId: 'TH-IMM-2026-1',
});
const checkpoint = create(SignedCheckpointSchema, {
  body: new TextEncoder().encode('border-ledger/TH-KH-child-protection\n19\nq83Lr...=\n'),
  signature: new Uint8Array(64).fill(9),
  keyId: 'TH-IMM-2026-1',
  previousTreeSize: 12n,
  consistencyProof: [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)],
});

const roundTrip = <Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>): void => {
  const decoded = fromBinary(schema, toBinary(schema, message));
  expect(equals(schema, decoded, message)).toBe(true);
  expect(decoded).toEqual(message);
};
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

describe('wire contracts: round trips', () => {
  it('round-trips every message type', () => {
    roundTrip(SharedCrossingSchema, crossing);
    roundTrip(SharedScreeningOutcomeSchema, screening);
    roundTrip(SharedTraffickingFlagSchema, flag);
    roundTrip(CrossBorderReferralSchema, referral);
    for (const record of Object.values(records)) roundTrip(FeedRecordSchema, record);
    roundTrip(SignedRecordSchema, signedRecord);
    roundTrip(SignedCheckpointSchema, checkpoint);
    roundTrip(FeedMessageSchema, create(FeedMessageSchema, { kind: { case: 'record', value: signedRecord } }));
    roundTrip(FeedMessageSchema, create(FeedMessageSchema, { kind: { case: 'checkpoint', value: checkpoint } }));
  });

  it('encodes and decodes feed messages and the signed record inside them', () => {
    const bytes = encodeFeedMessage({ kind: { case: 'record', value: signedRecord } });
    const decoded = decodeFeedMessage(bytes);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.message.kind.case).toBe('record');
    if (decoded.message.kind.case !== 'record') return;
    // The signed bytes arrive unchanged, so the receiver verifies and hashes exactly what was signed.
    expect(decoded.message.kind.value.record).toEqual(signedRecord.record);
    const record = decodeFeedRecord(decoded.message.kind.value.record);
    if (!record.ok) throw new Error(record.reason);
    expect(record.message).toEqual(records['crossing']);
    expect(record.message.leafIndex).toBe(18_446_744_073_709_551_615n);

    const checkpointMessage = decodeFeedMessage(encodeFeedMessage(create(FeedMessageSchema, { kind: { case: 'checkpoint', value: checkpoint } })));
    expect(checkpointMessage).toEqual({ ok: true, message: create(FeedMessageSchema, { kind: { case: 'checkpoint', value: checkpoint } }) });
  });

  it('keeps "not shared" (unset) apart from "shared, empty" for optional fields', () => {
    const minimal = create(SharedCrossingSchema, { crossingRef: 'cx-2', direction: 'exit', nationality: '' });
    const decoded = fromBinary(SharedCrossingSchema, toBinary(SharedCrossingSchema, minimal));
    expect(decoded.channel).toBeUndefined();
    expect(decoded.ageBand).toBeUndefined();
    expect(decoded.nationality).toBe('');
    const noDays = fromBinary(SharedScreeningOutcomeSchema, toBinary(SharedScreeningOutcomeSchema, create(SharedScreeningOutcomeSchema, {})));
    expect(noDays.quarantineDays).toBeUndefined();
    const zeroDays = fromBinary(SharedScreeningOutcomeSchema, toBinary(SharedScreeningOutcomeSchema, create(SharedScreeningOutcomeSchema, { quarantineDays: 0 })));
    expect(zeroDays.quarantineDays).toBe(0);
  });

  it('round-trips arbitrary crossings, with any subset of the optional fields shared', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 20 });
    const optionalText = fc.option(text, { nil: undefined });
    const crossings = fc.record({
      crossingRef: text,
      travellerRef: text,
      direction: fc.constantFrom('entry', 'exit'),
      pointOfEntry: text,
      pairedPointOfEntry: text,
      crossedAt: fc.option(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), { nil: undefined }),
      channel: optionalText,
      purpose: optionalText,
      nationality: optionalText,
      sex: optionalText,
      ageBand: optionalText,
      travelGroup: optionalText,
      voided: fc.boolean(),
    });
    fc.assert(
      fc.property(crossings, fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (init, leafIndex) => {
        const value = create(SharedCrossingSchema, { ...init, crossedAt: init.crossedAt && timestampFromIso(init.crossedAt.toISOString()) });
        const record = create(FeedRecordSchema, { ...envelope, leafIndex, payload: { case: 'crossing', value } });
        expect(decodeFeedRecord(encodeFeedRecord(record))).toEqual({ ok: true, message: record });
      }),
      { numRuns: 200 },
    );
  });
});

describe('wire contracts: unknown fields', () => {
  it('keeps fields from a newer sender and writes them back unchanged', () => {
    const known = encodeFeedRecord(records['flag']!);
    const newer = concat(known, new BinaryWriter().tag(99, WireType.LengthDelimited).string('added by a newer sender').tag(100, WireType.Varint).uint32(5).finish());
    const decoded = decodeFeedRecord(newer);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.message.payload.case).toBe('traffickingFlag');
    expect(decoded.message.$unknown?.map((field) => field.no)).toEqual([99, 100]);
    expect(encodeFeedRecord(decoded.message)).toEqual(newer);
  });

  it('decodes a feed message of a kind this version does not know, with no kind set', () => {
    const newer = new BinaryWriter().tag(3, WireType.LengthDelimited).bytes(new Uint8Array([8, 1])).finish();
    const decoded = decodeFeedMessage(newer);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.message.kind.case).toBeUndefined();
    expect(decoded.message.$unknown).toHaveLength(1);
  });

  it('decodes a record with a payload type this version does not know, with no payload set', () => {
    const newer = concat(encodeFeedRecord(create(FeedRecordSchema, envelope)), new BinaryWriter().tag(24, WireType.LengthDelimited).bytes(new Uint8Array([10, 1, 65])).finish());
    const decoded = decodeFeedRecord(newer);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.message.payload.case).toBeUndefined();
    expect(decoded.message.recordId).toBe(envelope.recordId);
  });
});

describe('wire contracts: decoding never throws', () => {
  const valid = encodeFeedMessage({ kind: { case: 'record', value: signedRecord } });

  it('answers ok or not ok for any bytes at all', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        const message = decodeFeedMessage(bytes);
        const record = decodeFeedRecord(bytes);
        for (const result of [message, record]) {
          if (result.ok) expect(result.message.$typeName).toMatch(/^borderledger\.exchange\.v1\./);
          else expect(result.reason).toEqual(expect.any(String));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('answers ok or not ok for valid messages with bytes flipped, cut or spliced', () => {
    const record = encodeFeedRecord(records['referral']!);
    fc.assert(
      fc.property(fc.constantFrom(valid, record), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat(), (source, flips, cut) => {
        const bytes = Uint8Array.from(source);
        for (const [index, value] of flips) bytes[index % bytes.length] = value;
        const mutated = bytes.subarray(0, bytes.length - (cut % 8));
        expect(() => decodeFeedMessage(mutated)).not.toThrow();
        expect(() => decodeFeedRecord(mutated)).not.toThrow();
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives a reason for truncated bytes, invalid UTF-8, a bad wire type, and no value', () => {
    const truncated = decodeFeedMessage(valid.subarray(0, valid.length - 3));
    expect(truncated).toEqual({ ok: false, reason: expect.stringContaining('borderledger.exchange.v1.FeedMessage') });
    const badUtf8 = decodeFeedRecord(new BinaryWriter().tag(1, WireType.LengthDelimited).bytes(new Uint8Array([0xc3, 0x28])).finish());
    expect(badUtf8.ok).toBe(false);
    const badWireType = decodeFeedRecord(new Uint8Array([0x0f]));
    expect(badWireType.ok).toBe(false);
    expect(decodeFeedMessage(null)).toEqual({ ok: false, reason: expect.stringContaining('no bytes') });
    expect(decodeFeedMessage(undefined).ok).toBe(false);
    expect(decodeFeedMessage('not bytes' as unknown as Uint8Array).ok).toBe(false);
  });

  it('decodes from a Kafka Buffer that is a view into a larger pool', () => {
    const pooled = Buffer.from(valid);
    expect(decodeFeedMessage(pooled)).toEqual(decodeFeedMessage(valid));
    const offset = Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(valid)]).subarray(3);
    expect(decodeFeedMessage(offset)).toEqual({ ok: true, message: create(FeedMessageSchema, { kind: { case: 'record', value: signedRecord } }) });
  });

  it('reads empty bytes as a valid message with nothing set', () => {
    const empty = decodeFeedMessage(new Uint8Array());
    expect(empty.ok && empty.message.kind.case).toBeUndefined();
  });
});
