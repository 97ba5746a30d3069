import { RuleViolation } from '@border-ledger/points-of-entry-domain';
import { terms } from '../testing/exchange.spec-fixtures';
import type { AgreementCommand } from './agreement.commands';
import { decideAgreement, evolveAgreement } from './agreement.decider';
import { AGREEMENT_AMENDED, AGREEMENT_RECORDED, AGREEMENT_REVOKED, agreementStream, type AgreementEvent } from './agreement.events';
import { agreementInForce } from './agreement.in-force';
import { initialAgreementState, type AgreementTerms } from './agreement.types';

const now = new Date('2026-11-23T09:00:00Z');

function ruleOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolation) return error.rule;
    throw error;
  }
  throw new Error('expected a rule violation');
}

/** given the agreement's events, when a command, then its events (or the refusal it throws) */
const given = (events: readonly AgreementEvent[], at = now) => ({
  when: (command: AgreementCommand) => decideAgreement(command, events.reduce(evolveAgreement, initialAgreementState), { now: at }),
});
const record = (t: AgreementTerms = terms()): AgreementCommand => ({ kind: 'RecordAgreement', terms: t });
const amend = (t: Partial<AgreementTerms>): AgreementCommand => ({ kind: 'AmendAgreement', agreementId: 'th-kh-immigration', terms: terms(t) });
const recorded = given([]).when(record());

describe('agreement decider: recording', () => {
  it('records version 1 of valid terms on the agreement stream', () => {
    expect(recorded).toEqual([
      { type: AGREEMENT_RECORDED, data: { agreementId: 'th-kh-immigration', version: 1, terms: terms(), recordedAt: now.toISOString() } },
    ]);
    expect(agreementStream('th-kh-immigration')).toBe('agreement-th-kh-immigration');
  });

  it.each<[string, Partial<AgreementTerms>]>([
    ['agreement-id-malformed', { agreementId: 'TH KH' }],
    ['agreement-parties-same-country', { parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'TH-DDC', country: 'TH' }] }],
    ['party-country-outside-the-subregion', { parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'MY-IMM', country: 'MY' as 'KH' }] }],
    ['party-agency-malformed', { parties: [{ agency: 'KH-IMM', country: 'TH' }, { agency: 'KH-IMM', country: 'KH' }] }],
    ['agreement-parties-invalid', { parties: [{ agency: 'TH-IMM', country: 'TH' }] as unknown as AgreementTerms['parties'] }],
    ['agreement-purpose-unknown', { purpose: 'marketing' as 'public-health' }],
    ['agreement-shares-nothing', { records: {} }],
    ['record-type-unknown', { records: { 'exchange.identity.v1': { fields: [] } } as AgreementTerms['records'] }],
    ['record-field-unknown', { records: { 'exchange.crossing.v1': { fields: ['documentNumber' as 'sex'] } } }],
    ['record-field-unknown', { records: { 'exchange.screening-outcome.v1': { fields: ['temperature' as 'quarantineDays'] } } }],
    ['record-field-mandatory', { records: { 'exchange.crossing.v1': { fields: ['crossingRef' as 'sex'] } } }],
    ['record-field-duplicated', { records: { 'exchange.crossing.v1': { fields: ['sex', 'sex'] } } }],
    ['point-of-entry-unknown', { pointsOfEntry: ['TH-NOWHERE'] }],
    ['point-of-entry-outside-the-parties', { pointsOfEntry: ['MM-MYAWADDY'] }],
    ['agreement-points-of-entry-empty', { pointsOfEntry: [] }],
    ['retention-out-of-range', { retentionDays: 0 }],
    ['retention-out-of-range', { retentionDays: 3651 }],
    ['retention-out-of-range', { retentionDays: 1.5 }],
    ['agreement-date-malformed', { effectiveFrom: '2026-02-30' }],
    ['agreement-ends-before-it-starts', { effectiveUntil: '2025-12-31' }],
  ])('refuses terms by %s', (rule, overrides) => {
    expect(ruleOf(() => given([]).when(record(terms(overrides))))).toBe(rule);
  });

  it('accepts the bounds of retention and an open-ended or dated end', () => {
    expect(given([]).when(record(terms({ retentionDays: 1 })))).toHaveLength(1);
    expect(given([]).when(record(terms({ retentionDays: 3650, effectiveUntil: '2026-01-01' })))).toHaveLength(1);
  });

  it('refuses to record an agreement twice', () => {
    expect(ruleOf(() => given(recorded).when(record()))).toBe('agreement-already-recorded');
  });
});

describe('agreement decider: amending and revoking', () => {
  it('amends into the next version with the new terms', () => {
    const [event] = given(recorded).when(amend({ retentionDays: 30, effectiveFrom: '2026-12-01' }));
    expect(event).toEqual({
      type: AGREEMENT_AMENDED,
      data: { agreementId: 'th-kh-immigration', version: 2, terms: terms({ retentionDays: 30, effectiveFrom: '2026-12-01' }), amendedAt: now.toISOString() },
    });
  });

  it.each<[string, AgreementCommand]>([
    ['agreement-parties-changed', amend({ parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'KH-GDI', country: 'KH' }], effectiveFrom: '2026-12-01' })],
    ['agreement-amendment-changes-nothing', { kind: 'AmendAgreement', agreementId: 'th-kh-immigration', terms: terms() }],
    ['agreement-amendment-backdated', amend({ retentionDays: 30, effectiveFrom: '2026-11-01' })],
    ['agreement-id-mismatch', { kind: 'AmendAgreement', agreementId: 'th-kh-immigration', terms: terms({ agreementId: 'th-kh-health' }) }],
    ['record-field-unknown', amend({ records: { 'exchange.trafficking-flag.v1': { fields: ['noteId' as 'severity'] } }, effectiveFrom: '2026-12-01' })],
  ])('refuses an amendment by %s', (rule, command) => {
    expect(ruleOf(() => given(recorded).when(command))).toBe(rule);
  });

  it('refuses to amend or revoke an agreement never recorded', () => {
    expect(ruleOf(() => given([]).when(amend({ retentionDays: 30 })))).toBe('agreement-not-found');
    expect(ruleOf(() => given([]).when({ kind: 'RevokeAgreement', agreementId: 'x', reason: 'superseded', revokedAt: now.toISOString() }))).toBe('agreement-not-found');
  });

  const revoke: AgreementCommand = { kind: 'RevokeAgreement', agreementId: 'th-kh-immigration', reason: 'terminated-by-party', revokedAt: '2026-11-23T08:00:00Z' };
  const revoked = [...recorded, ...given(recorded).when(revoke)];

  it('revokes, then refuses to amend or revoke again', () => {
    expect(revoked[1]).toEqual({ type: AGREEMENT_REVOKED, data: { agreementId: 'th-kh-immigration', reason: 'terminated-by-party', revokedAt: '2026-11-23T08:00:00Z' } });
    expect(ruleOf(() => given(revoked).when(amend({ retentionDays: 30, effectiveFrom: '2026-12-01' })))).toBe('agreement-revoked');
    expect(ruleOf(() => given(revoked).when(revoke))).toBe('agreement-already-revoked');
  });

  it('refuses a revocation time that is malformed or in the future', () => {
    expect(ruleOf(() => given(recorded).when({ ...revoke, revokedAt: 'yesterday' }))).toBe('agreement-time-malformed');
    expect(ruleOf(() => given(recorded).when({ ...revoke, revokedAt: '2026-11-24T09:00:00Z' }))).toBe('agreement-time-in-the-future');
  });
});

describe('agreementInForce', () => {
  const amended = [...recorded, ...given(recorded).when(amend({ retentionDays: 30, effectiveFrom: '2026-12-01', effectiveUntil: '2027-06-30' }))];
  const state = amended.reduce(evolveAgreement, initialAgreementState);

  it('gives no version before the first effective day, then each version from its own day (UTC days)', () => {
    expect(agreementInForce(state, '2025-12-31T23:59:59Z')).toBeNull();
    expect(agreementInForce(state, '2026-01-01T00:00:00Z')?.version).toBe(1);
    expect(agreementInForce(state, '2026-11-30T23:59:59Z')?.version).toBe(1);
    expect(agreementInForce(state, '2026-12-01T00:00:00Z')?.version).toBe(2);
  });

  it('ends after the last effective day, inclusive', () => {
    expect(agreementInForce(state, '2027-06-30T23:59:59Z')?.version).toBe(2);
    expect(agreementInForce(state, '2027-07-01T00:00:00Z')).toBeNull();
  });

  it('ends at the revocation', () => {
    const revokedState = evolveAgreement(state, { type: AGREEMENT_REVOKED, data: { agreementId: 'th-kh-immigration', reason: 'breach-of-terms', revokedAt: '2026-12-10T00:00:00Z' } });
    expect(agreementInForce(revokedState, '2026-12-09T23:59:59Z')?.version).toBe(2);
    expect(agreementInForce(revokedState, '2026-12-10T00:00:00Z')).toBeNull();
  });

  it('is null for an unknown agreement or an unreadable instant', () => {
    expect(agreementInForce(initialAgreementState, '2026-06-01T00:00:00Z')).toBeNull();
    expect(agreementInForce(state, 'soon')).toBeNull();
  });
});
