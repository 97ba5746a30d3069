import { RuleViolation } from '@border-ledger/points-of-entry-domain';
import {
  decideReferralResponse,
  evolveIncomingReferral,
  REFERRAL_RESPONDED,
  type IncomingReferralState,
  type ResponseStage,
} from './referral-exchange';

const requested: IncomingReferralState = { status: 'requested', agreementId: 'th-kh-protection', referralRef: 'ref-1', requestingAgency: 'TH-DSDW', services: ['child-protection'] };
const at = '2026-11-23T10:00:00.000Z';
const respond = (state: IncomingReferralState, stage: ResponseStage, reasonCode?: string) =>
  decideReferralResponse({ kind: 'RespondToReferral', stage, at, ...(reasonCode ? { reasonCode } : {}) }, state);
const after = (...stages: ResponseStage[]): IncomingReferralState =>
  stages.reduce<IncomingReferralState>(
    (state, stage) => respond(state, stage, stage === 'declined' ? 'no-capacity' : undefined).reduce(evolveIncomingReferral, state),
    requested,
  );
const rule = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleViolation) return error.rule;
    throw error;
  }
  return 'none';
};

describe('answering a cross-border referral request', () => {
  it('given a request, when acknowledged, then the answer goes to the requesting agency', () => {
    expect(respond(requested, 'acknowledged')).toEqual([
      { type: REFERRAL_RESPONDED, data: { agreementId: 'th-kh-protection', referralRef: 'ref-1', stage: 'acknowledged', toAgency: 'TH-DSDW', services: ['child-protection'], respondedAt: at } },
    ]);
  });

  it('answers in order: acknowledge, accept or decline (with a reason), close', () => {
    expect(after('acknowledged', 'accepted', 'closed').status).toBe('closed');
    expect(after('acknowledged', 'declined').status).toBe('declined');
    expect(respond(after('acknowledged'), 'declined', 'outside-mandate')[0].data.reasonCode).toBe('outside-mandate');
  });

  it.each([
    [[], 'accepted'],
    [[], 'closed'],
    [['acknowledged'], 'acknowledged'],
    [['acknowledged', 'accepted'], 'declined'],
    [['acknowledged', 'accepted', 'closed'], 'accepted'],
  ] as [ResponseStage[], ResponseStage][])('after %j, %s is refused as out of order', (done, stage) => {
    expect(rule(() => respond(after(...done), stage))).toBe('referral-response-out-of-order');
  });

  it('refuses a decline without a listed reason, a reason on anything else, and an unknown request', () => {
    expect(rule(() => respond(after('acknowledged'), 'declined'))).toBe('decline-reason-required');
    expect(rule(() => respond(after('acknowledged'), 'declined', 'because'))).toBe('decline-reason-required');
    expect(rule(() => respond(requested, 'acknowledged', 'no-capacity'))).toBe('reason-only-for-decline');
    expect(rule(() => respond({ status: 'none' }, 'acknowledged'))).toBe('referral-request-not-found');
  });
});
