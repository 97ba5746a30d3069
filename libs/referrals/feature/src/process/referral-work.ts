import type { Severity } from '@border-ledger/points-of-entry-domain';
import type { ResponseStage } from '@border-ledger/exchange-domain';
import type { Service, ShareDeclineReason } from '@border-ledger/referrals-domain';

/** Kinds of work in the referrals queue. */
export const OPEN_REFERRALS = 'open-referrals';
export const REVOKE_REFERRALS = 'revoke-referrals';
export const ESCALATE = 'escalate';
export const APPLY_SHARE_STEP = 'apply-share-step';

/** Open the referrals a flag event calls for (the plans of `referralDecisionForFlag`). */
export interface OpenReferralsPayload {
  readonly flagId: string;
  readonly pointOfEntry: string;
  readonly severity: Severity;
  readonly childProtection: boolean;
  /** When the flag event was stored: the referrals open then, whenever the work runs (replays agree). */
  readonly openedAt: string;
  readonly referrals: readonly { readonly referralId: string; readonly service: Service }[];
  readonly causationId: string;
  readonly correlationId: string;
}

/** Revoke every referral of a withdrawn flag. */
export interface RevokeReferralsPayload {
  readonly flagId: string;
  readonly revokedAt: string;
  readonly causationId: string;
  readonly correlationId: string;
}

export interface EscalatePayload {
  readonly referralId: string;
}

/**
 * Apply one answer a partner sent back to a cross-border share (an exchange
 * `cross-border-referral-step-received` event) to the referral it concerns.
 */
export interface ShareStepPayload {
  /** The step event's id: the work's and the command's id derive from it. */
  readonly eventId: string;
  readonly referralId: string;
  readonly stage: ResponseStage;
  readonly reasonCode?: ShareDeclineReason;
  /** When the partner answered (the command's time). */
  readonly at: string;
  readonly agreementId: string;
  readonly fromAgency: string;
  /** Where the step sits among the referral's answers (its revision in the exchange's stream of them). */
  readonly revision: number;
  readonly correlationId: string;
}

/** Work ids derive from the event that caused them: a redelivered or replayed event schedules nothing twice. */
export const openReferralsWorkId = (flagId: string, flagRevision: number): string => `${OPEN_REFERRALS}:${flagId}:${flagRevision}`;
export const revokeReferralsWorkId = (flagId: string): string => `${REVOKE_REFERRALS}:${flagId}`;
export const shareStepWorkId = (stepEventId: string): string => `share-step:${stepEventId}`;

/**
 * The escalation timer of a referral. An adult's referral waiting for consent cannot escalate
 * when its first timer fires; recording consent arms a second one (`after-consent`).
 */
export const escalationTimerIds = (referralId: string): readonly [string, string] => [`${ESCALATE}:${referralId}`, `${ESCALATE}:${referralId}:after-consent`];

/**
 * When a timer for `deadline` fires: just after it, since the decider escalates only once the
 * deadline has passed (not at it).
 */
export const timerDueAt = (deadline: string): string => new Date(Date.parse(deadline) + 1).toISOString();

/** Command ids of the process manager's commands: retries and replays store once. */
export const processCommandIds = {
  open: (referralId: string): string => `open-referral:${referralId}`,
  revoke: (referralId: string): string => `revoke-referral-flag-withdrawn:${referralId}`,
  escalate: (referralId: string): string => `escalate-referral:${referralId}`,
  /** One per answer received (not per referral): each step is its own command. */
  shareStep: (stepEventId: string): string => `share-step:${stepEventId}`,
};
