import fc from 'fast-check';
import {
  AGE_BANDS,
  CHANNELS,
  CROSSING_RECORDED,
  CROSSING_VOIDED,
  DIRECTIONS,
  PURPOSES,
  SCREENING_OUTCOME_DECIDED,
  SEVERITIES,
  SEXES,
  TEMPERATURE_RECORDED,
  TRAFFICKING_FLAG_CLOSED,
  TRAFFICKING_FLAG_INDICATORS_ADDED,
  TRAFFICKING_FLAG_RAISED,
  TRAFFICKING_FLAG_WITHDRAWN,
  TRAFFICKING_INDICATORS,
  type CrossingRecordedData,
  type FlagRecord,
} from '@border-ledger/points-of-entry-domain';
import { CROSS_BORDER_SHARE_ACCEPTED, CROSS_BORDER_SHARE_DECLINED, CROSS_BORDER_SHARE_REQUESTED, SERVICES } from '@border-ledger/referrals-domain';
import { MANDATORY_FIELDS, OPTIONAL_FIELDS, type RecordType, type SharedRecordDraft } from '../records/records';
import { agreementOf, CANARY, nodeRefs, stored, terms, TH_META } from '../testing/exchange.spec-fixtures';
import { minimise } from './minimise';
import type { MinimiseContext, SourceEvent } from './minimise.types';

const ID = 'internal-id-';
const internalId = fc.uuid().map((u) => `${ID}${u}`);
const codes = TRAFFICKING_INDICATORS.map((i) => i.code);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const crossing: fc.Arbitrary<CrossingRecordedData> = fc.record({
  crossingId: internalId,
  pointOfEntry: fc.constantFrom('TH-ARANYAPRATHET', 'TH-MAESOT', 'TH-BKK-SUVARNABHUMI'),
  direction: fc.constantFrom(...DIRECTIONS),
  channel: fc.constantFrom(...CHANNELS),
  purpose: fc.constantFrom(...PURPOSES),
  nationality: fc.constantFrom('KH', 'TH', 'MM'),
  sex: fc.constantFrom(...SEXES),
  ageBand: fc.constantFrom(...AGE_BANDS),
  borderPass: optional(fc.constant({ area: CANARY.name, validDays: 7 })),
  groupId: optional(internalId),
  guardianCrossingId: optional(internalId),
  unaccompanied: optional(fc.constant(true as const)),
  travellerRef: fc.constant(CANARY.nodeTravellerRef),
  identity: fc.constant({ keyId: `${ID}key`, algorithm: 'AES-256-GCM' as const, iv: 'aXY=', ciphertext: CANARY.documentNumber, tag: 't' }),
});

const flag: fc.Arbitrary<FlagRecord> = fc.record({
  flagId: internalId,
  subject: fc.record({ kind: fc.constantFrom('crossing' as const, 'irregular-detection' as const), id: internalId }),
  pointOfEntry: fc.constant('TH-ARANYAPRATHET'),
  indicators: fc.subarray(codes, { minLength: 1 }),
  severity: fc.constantFrom(...SEVERITIES),
  childProtection: fc.boolean(),
  observedAt: fc.constant('2026-11-23T08:50:00+07:00'),
  noteId: fc.constantFrom(CANARY.noteId, null),
});

/** A stored event of each record type's sources, with the context the caller would give. */
const sources: { readonly [K in RecordType]: fc.Arbitrary<[SourceEvent, MinimiseContext]> } = {
  'exchange.crossing.v1': fc.oneof(
    crossing.map((data): [SourceEvent, MinimiseContext] => [stored(CROSSING_RECORDED, data), {}]),
    crossing.map((data): [SourceEvent, MinimiseContext] => [
      stored(CROSSING_VOIDED, { crossingId: data.crossingId, reason: CANARY.reason }),
      { crossing: { data, occurredAt: '2026-11-23T08:00:00+07:00' } },
    ]),
  ),
  'exchange.screening-outcome.v1': fc.tuple(internalId, fc.integer({ min: 1, max: 21 }), fc.constantFrom('cleared', 'quarantine', 'isolation', 'referral-for-care')).chain(([crossingId, days, category]) =>
    fc.constantFrom<[SourceEvent, MinimiseContext]>(
      [stored(SCREENING_OUTCOME_DECIDED, { crossingId, pathway: 'symptomatic', outcome: { category, days, reasons: [CANARY.symptom] }, policy: { policyId: `${ID}p`, version: 1, country: 'TH' } }), { pointOfEntry: 'TH-ARANYAPRATHET' }],
      [stored(TEMPERATURE_RECORDED, { crossingId, celsius: CANARY.celsius }), { pointOfEntry: 'TH-ARANYAPRATHET' }],
    ),
  ),
  'exchange.trafficking-flag.v1': flag.chain((f) =>
    fc.constantFrom<[SourceEvent, MinimiseContext]>(
      [stored(TRAFFICKING_FLAG_RAISED, f), {}],
      [stored(TRAFFICKING_FLAG_INDICATORS_ADDED, { flagId: f.flagId, added: [], indicators: f.indicators, severity: f.severity, childProtection: f.childProtection }), { flag: f }],
      [stored(TRAFFICKING_FLAG_CLOSED, { flagId: f.flagId, reason: 'assisted-on-site' }), { flag: f }],
      [stored(TRAFFICKING_FLAG_WITHDRAWN, { flagId: f.flagId, reason: 'raised-in-error' }), { flag: f }],
    ),
  ),
  'exchange.referral.v1': fc.record({ referralId: internalId, flagId: internalId, crossingId: optional(internalId), service: fc.constantFrom(...SERVICES) }).chain((r) =>
    fc.constantFrom<[SourceEvent, MinimiseContext]>(
      [stored(CROSS_BORDER_SHARE_REQUESTED, { referralId: r.referralId, toCountry: 'KH', requestedAt: '2026-11-23T10:00:00Z' }), {}],
      [stored(CROSS_BORDER_SHARE_ACCEPTED, { referralId: r.referralId, at: '2026-11-23T11:00:00Z' }), {}],
      [stored(CROSS_BORDER_SHARE_DECLINED, { referralId: r.referralId, reason: 'no-capacity', at: '2026-11-23T11:00:00Z' }), {}],
    ).map(([source, context]): [SourceEvent, MinimiseContext] => [
      source,
      { ...context, referral: { ...r, pointOfEntry: 'TH-ARANYAPRATHET', toCountry: 'KH', ageBand: '12-17', nationality: 'KH' } },
    ]),
  ),
};

const ENVELOPE = ['recordId', 'agreementId', 'agreementVersion', 'senderAgency', 'senderCountry', 'recordType', 'schemaVersion', 'correlationId', 'causationId', 'occurredAt', 'recordedAt', 'payload'];
const canaries = [CANARY.documentNumber, CANARY.name, CANARY.nodeTravellerRef, CANARY.noteId, CANARY.symptom, String(CANARY.celsius), CANARY.reason, ID, 'correlation-1', 'event-'];

describe.each(Object.keys(sources) as RecordType[])('minimise %s (property)', (recordType) => {
  const documents = new Proxy({}, { get: (_t, crossingId) => `${CANARY.documentNumber}/${String(crossingId)}` });

  it('fills no field outside the agreement selection, and leaks no identity, note, clinical detail or internal id', () => {
    let shared = 0;
    fc.assert(
      fc.property(sources[recordType], fc.subarray([...OPTIONAL_FIELDS[recordType]] as string[]), ([source, context], fields) => {
        const agreement = agreementOf(terms({ records: { [recordType]: { fields } }, pointsOfEntry: undefined }));
        const record: SharedRecordDraft | null = minimise(source, agreement, nodeRefs(documents), TH_META, context);
        if (record === null) return;
        shared++;
        expect(record.recordType).toBe(recordType);
        expect(Object.keys(record).sort()).toEqual([...ENVELOPE].sort());
        const allowed: readonly string[] = [...MANDATORY_FIELDS[recordType], ...fields];
        for (const [key, value] of Object.entries(record.payload)) {
          expect(allowed).toContain(key);
          if (key === 'indicators' && !fields.includes('indicators')) expect(value).toEqual([]);
        }
        const json = JSON.stringify(record);
        for (const canary of canaries) expect(json).not.toContain(canary);
      }),
      { numRuns: 200 },
    );
    // Not vacuous: many generated events do become records (every one for crossings and referrals,
    // about half the screening events and 30% of flag events: the rest are not shareable). 20 of
    // 200 is far below any of those; 50 was within the spread of flags (57-63 measured) and flaked.
    expect(shared).toBeGreaterThanOrEqual(20);
  });
});
