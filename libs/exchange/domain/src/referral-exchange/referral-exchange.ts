import { assertNever, RuleViolation } from '@border-ledger/points-of-entry-domain';
import { SHARE_DECLINE_REASONS, type ShareDeclineReason } from '@border-ledger/referrals-domain';

/** The stages the receiving agency answers with. */
export const RESPONSE_STAGES = ['acknowledged', 'accepted', 'declined', 'closed'] as const;
export type ResponseStage = (typeof RESPONSE_STAGES)[number];

/** The receiving agency answered a cross-border referral request (recorded on the receiving node). */
export const REFERRAL_RESPONDED = 'exchange.cross-border-referral-responded.v1';
/** The requesting node received an answer to its request (the referrals context applies it). */
export const REFERRAL_STEP_RECEIVED = 'exchange.cross-border-referral-step-received.v1';

export interface ReferralRespondedData {
  readonly agreementId: string;
  /** The referral's ref in the agreement's space (the request's `referralRef`). */
  readonly referralRef: string;
  readonly stage: ResponseStage;
  /** The requesting agency. */
  readonly toAgency: string;
  /** The services of the request, repeated so each answer stands on its own. */
  readonly services: readonly string[];
  /** `declined` only. */
  readonly reasonCode?: ShareDeclineReason;
  readonly respondedAt: string;
}

export interface ReferralStepReceivedData {
  readonly agreementId: string;
  readonly referralRef: string;
  /** The requesting node's own referral id, found from the ref it sent. */
  readonly referralId: string;
  readonly stage: ResponseStage;
  readonly reasonCode?: ShareDeclineReason;
  readonly at: string;
  readonly fromAgency: string;
}

export type ReferralResponseEvent = { readonly type: typeof REFERRAL_RESPONDED; readonly data: ReferralRespondedData };

/** A request received from a partner and how this agency has answered it so far. */
export type IncomingReferralState =
  | { readonly status: 'none' }
  | {
      readonly status: 'requested' | ResponseStage;
      readonly agreementId: string;
      readonly referralRef: string;
      readonly requestingAgency: string;
      readonly services: readonly string[];
    };

export interface RespondToReferral {
  readonly kind: 'RespondToReferral';
  readonly stage: ResponseStage;
  readonly reasonCode?: string;
  readonly at: string;
}

/** Which answer may follow which: acknowledge first, then accept or decline, then close. */
const NEXT: Readonly<Record<IncomingReferralState['status'], readonly ResponseStage[]>> = {
  none: [],
  requested: ['acknowledged'],
  acknowledged: ['accepted', 'declined'],
  accepted: ['closed'],
  declined: ['closed'],
  closed: [],
};

/** Stream of the receiving agency's answers to one request. */
export const incomingReferralStream = (agreementId: string, referralRef: string): string => `xb-referral-${agreementId}-${referralRef}`;

/** Decides an answer: in order, once each, a decline with a reason from the list; nothing after closing. */
export function decideReferralResponse(command: RespondToReferral, state: IncomingReferralState): ReferralResponseEvent[] {
  if (state.status === 'none') throw new RuleViolation('referral-request-not-found', 'No cross-border referral request with that ref was received');
  if (!NEXT[state.status].includes(command.stage)) {
    throw new RuleViolation('referral-response-out-of-order', `A request that is ${state.status} cannot be ${command.stage}`);
  }
  if (command.stage === 'declined' && !(SHARE_DECLINE_REASONS as readonly string[]).includes(command.reasonCode ?? '')) {
    throw new RuleViolation('decline-reason-required', `A decline needs a reason: ${SHARE_DECLINE_REASONS.join(', ')}`);
  }
  if (command.stage !== 'declined' && command.reasonCode !== undefined) {
    throw new RuleViolation('reason-only-for-decline', 'Only a decline carries a reason');
  }
  if (Number.isNaN(Date.parse(command.at))) throw new RuleViolation('time-malformed', `${command.at} is not a time`);
  return [
    {
      type: REFERRAL_RESPONDED,
      data: {
        agreementId: state.agreementId,
        referralRef: state.referralRef,
        stage: command.stage,
        toAgency: state.requestingAgency,
        services: state.services,
        ...(command.stage === 'declined' ? { reasonCode: command.reasonCode as ShareDeclineReason } : {}),
        respondedAt: command.at,
      },
    },
  ];
}

export function evolveIncomingReferral(state: IncomingReferralState, event: ReferralResponseEvent): IncomingReferralState {
  switch (event.type) {
    case REFERRAL_RESPONDED:
      return state.status === 'none' ? state : { ...state, status: event.data.stage };
    default:
      return assertNever(event.type);
  }
}
