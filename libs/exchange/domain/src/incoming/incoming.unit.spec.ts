import { CROSSING_RECORDED, SCREENING_OUTCOME_DECIDED } from '@border-ledger/points-of-entry-domain';
import { CROSS_BORDER_SHARE_REQUESTED } from '@border-ledger/referrals-domain';
import { evolveAgreement } from '../agreement/agreement.decider';
import { AGREEMENT_AMENDED, AGREEMENT_REVOKED } from '../agreement/agreement.events';
import { minimise } from '../minimise/minimise';
import type { SharedRecordDraft } from '../records/records';
import { agreementOf, crossingData, nodeRefs, stored, terms, TH_META } from '../testing/exchange.spec-fixtures';
import { checkIncoming, type IncomingRefusal } from './incoming';

const agreement = agreementOf();
const fromThailand = { senderAgency: 'TH-IMM', senderCountry: 'TH' };
const share = (source = stored(CROSSING_RECORDED, crossingData()), context = {}): SharedRecordDraft => {
  const record = minimise(source, agreement, nodeRefs(), TH_META, context);
  if (record === null) throw new Error('fixture not shared');
  return record;
};
const crossing = share();
const REF = 'AAAAAAAAAAAAAAAAAAAAAA';
/** The record with payload fields replaced (or removed with `undefined`). */
const withPayload = (record: SharedRecordDraft, fields: Record<string, unknown>): SharedRecordDraft =>
  ({ ...record, payload: JSON.parse(JSON.stringify({ ...record.payload, ...fields })) }) as SharedRecordDraft;
const codeOf = (record: SharedRecordDraft, state = agreement, expected = fromThailand): IncomingRefusal | 'ok' => {
  const result = checkIncoming(record, state, expected);
  return result.ok ? 'ok' : result.reason.code;
};

describe('checkIncoming', () => {
  it('accepts what the partner minimised under the same agreement, naming the version', () => {
    // Given Cambodia's node holds the agreement, when Thailand's records arrive, then they pass.
    expect(checkIncoming(crossing, agreement, fromThailand)).toEqual({ ok: true, version: { version: 1, terms: terms() } });
    const screening = share(stored(SCREENING_OUTCOME_DECIDED, { crossingId: 'crossing-1', pathway: 'symptomatic', outcome: { category: 'isolation', reasons: [] }, policy: { policyId: 'p', version: 1, country: 'TH' } }), { pointOfEntry: 'TH-ARANYAPRATHET' });
    expect(codeOf(screening)).toBe('ok');
    const referral = share(stored(CROSS_BORDER_SHARE_REQUESTED, { referralId: 'r-1', toCountry: 'KH', requestedAt: '2026-11-23T10:00:00Z' }), {
      referral: { flagId: 'flag-1', service: 'shelter', pointOfEntry: 'TH-ARANYAPRATHET' },
    });
    expect(codeOf(referral)).toBe('ok');
  });

  const revoked = evolveAgreement(agreement, { type: AGREEMENT_REVOKED, data: { agreementId: 'th-kh-immigration', reason: 'superseded', revokedAt: '2026-11-23T03:00:00Z' } });
  const amended = evolveAgreement(agreement, {
    type: AGREEMENT_AMENDED,
    data: { agreementId: 'th-kh-immigration', version: 2, terms: terms({ effectiveFrom: '2026-11-20', retentionDays: 30 }), amendedAt: '2026-11-19T00:00:00Z' },
  });
  const onlyFlags = agreementOf(terms({ records: { 'exchange.trafficking-flag.v1': { fields: ['crossingRef'] } } }));
  const onlyPoipet = agreementOf(terms({ pointsOfEntry: ['KH-POIPET'] }));

  it.each<[IncomingRefusal, SharedRecordDraft, Parameters<typeof codeOf>[1]?, Parameters<typeof codeOf>[2]?]>([
    ['envelope-malformed', { ...crossing, recordId: '' }],
    ['envelope-malformed', { ...crossing, agreementVersion: 0 }],
    ['schema-version-unsupported', { ...crossing, schemaVersion: 2 }],
    ['record-type-unknown', { ...crossing, recordType: 'exchange.identity.v1' } as unknown as SharedRecordDraft],
    ['sender-unexpected', crossing, agreement, { senderAgency: 'TH-DDC', senderCountry: 'TH' }],
    ['sender-not-a-party', { ...crossing, senderAgency: 'TH-DDC' }, agreement, { senderAgency: 'TH-DDC', senderCountry: 'TH' }],
    ['agreement-unknown', { ...crossing, agreementId: 'th-kh-health' }],
    ['agreement-unknown', crossing, agreementOf(terms({ agreementId: 'th-kh-health' }))],
    ['agreement-version-unknown', { ...crossing, agreementVersion: 3 }],
    ['agreement-not-in-force', { ...crossing, occurredAt: '2025-06-01T00:00:00Z' }],
    ['agreement-not-in-force', crossing, amended],
    ['agreement-revoked', crossing, revoked],
    ['record-type-not-covered', crossing, onlyFlags],
    ['payload-does-not-match-record-type', withPayload(crossing, { outcomeCategory: 'cleared' })],
    ['payload-does-not-match-record-type', withPayload(crossing, { travellerRef: undefined })],
    ['payload-does-not-match-record-type', withPayload(crossing, { voided: 'no' })],
    ['payload-does-not-match-record-type', { ...crossing, payload: null } as unknown as SharedRecordDraft],
    ['field-out-of-agreement', withPayload(crossing, { sex: 'female' })],
    ['field-out-of-agreement', withPayload(crossing, { purpose: 'work' })],
    ['code-malformed', withPayload(crossing, { nationality: 'KHM' })],
    ['code-malformed', withPayload(crossing, { ageBand: '0-17' })],
    ['code-malformed', withPayload(crossing, { direction: 'sideways' })],
    ['code-malformed', withPayload(crossing, { travellerRef: 'c'.repeat(64).replace(/c/g, '+') })],
    ['code-malformed', { ...crossing, senderCountry: 'XX' }, agreement, { senderAgency: 'TH-IMM', senderCountry: 'XX' }],
    ['time-malformed', withPayload(crossing, { crossedAt: '23/11/2026 08:55' })],
    ['time-malformed', { ...crossing, occurredAt: '2026-11-23' }],
    ['point-of-entry-not-covered', crossing, onlyPoipet],
    ['payload-inconsistent', withPayload(crossing, { pointOfEntry: 'KH-POIPET', pairedPointOfEntry: 'TH-ARANYAPRATHET' })],
    ['payload-inconsistent', withPayload(crossing, { pairedPointOfEntry: 'MM-MYAWADDY' })],
  ])('refuses by %s', (code, record, state = agreement, expected = fromThailand) => {
    const result = checkIncoming(record, state, expected);
    expect(result).toEqual({ ok: false, reason: { code, message: expect.any(String) } });
  });

  it('refuses indicators a version does not share, but accepts them empty', () => {
    const flags = agreementOf(terms({ records: { 'exchange.trafficking-flag.v1': { fields: ['crossingRef'] } } }));
    const flag = {
      ...crossing,
      recordType: 'exchange.trafficking-flag.v1',
      payload: { flagRef: REF, crossingRef: REF, pointOfEntry: 'TH-ARANYAPRATHET', observedAt: crossing.occurredAt, status: 'raised', childProtection: true, indicators: [] as string[] },
    } as SharedRecordDraft;
    expect(codeOf(flag, flags)).toBe('ok');
    expect(codeOf(withPayload(flag, { indicators: ['deception'] }), flags)).toBe('field-out-of-agreement');
  });

  it('refuses quarantine days on another category, and a referral between agencies that are not the parties', () => {
    const withDays = agreementOf(terms({ records: { 'exchange.screening-outcome.v1': { fields: ['quarantineDays'] }, 'exchange.referral.v1': { fields: [] } } }));
    const screening = { ...crossing, recordType: 'exchange.screening-outcome.v1', payload: { crossingRef: REF, travellerRef: REF, pointOfEntry: 'TH-ARANYAPRATHET', decidedAt: crossing.occurredAt, outcomeCategory: 'cleared', quarantineDays: 3 } } as SharedRecordDraft;
    expect(codeOf(screening, withDays)).toBe('payload-inconsistent');
    const referral = { ...crossing, recordType: 'exchange.referral.v1', payload: { referralRef: REF, stage: 'requested', fromAgency: 'TH-IMM', toAgency: 'KH-GDI', services: ['shelter'], at: crossing.occurredAt } } as SharedRecordDraft;
    expect(codeOf(referral, withDays)).toBe('payload-inconsistent');
  });
});
