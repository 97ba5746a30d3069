import type { Severity } from '@border-ledger/points-of-entry-domain';
import type { DeclineReason, ReferralOutcome, RevokeReason, Service, ShareDeclineReason } from './referral.codes';

export interface ReferralOpenedData {
  readonly referralId: string;
  readonly flagId: string;
  readonly severity: Severity;
  readonly childProtection: boolean;
  readonly pointOfEntry: string;
  readonly service: Service;
  /** Children and critical flags. */
  readonly urgent: boolean;
  readonly openedAt: string;
  /** By when the receiving service must accept (openedAt + the limit in force), UTC ISO 8601. */
  readonly acceptanceDeadline: string;
}

export interface ReferralAcceptedData {
  readonly referralId: string;
  readonly acceptedAt: string;
}
export interface ReferralDeclinedData {
  readonly referralId: string;
  readonly reason: DeclineReason;
  readonly declinedAt: string;
}
export interface ReferralEscalatedData {
  readonly referralId: string;
  readonly acceptanceDeadline: string;
  readonly escalatedAt: string;
}
export interface ConsentRecordedData {
  readonly referralId: string;
  readonly recordedAt: string;
}
export interface ConsentWithdrawnData {
  readonly referralId: string;
  readonly withdrawnAt: string;
}
export interface ServicesDeliveredData {
  readonly referralId: string;
  readonly deliveredAt: string;
}
export interface ReferralClosedData {
  readonly referralId: string;
  readonly outcome: ReferralOutcome;
  readonly closedAt: string;
}
export interface ReferralRevokedData {
  readonly referralId: string;
  readonly reason: RevokeReason;
  readonly revokedAt: string;
}
export interface CrossBorderShareRequestedData {
  readonly referralId: string;
  readonly toCountry: string;
  readonly requestedAt: string;
}
export interface CrossBorderShareStepData {
  readonly referralId: string;
  readonly at: string;
}
export interface CrossBorderShareDeclinedData {
  readonly referralId: string;
  readonly reason: ShareDeclineReason;
  readonly at: string;
}

export const REFERRAL_OPENED = 'referrals.referral-opened.v1';
export const REFERRAL_ACCEPTED = 'referrals.referral-accepted.v1';
export const REFERRAL_DECLINED = 'referrals.referral-declined.v1';
export const REFERRAL_ESCALATED = 'referrals.referral-escalated.v1';
export const CONSENT_RECORDED = 'referrals.consent-recorded.v1';
export const CONSENT_WITHDRAWN = 'referrals.consent-withdrawn.v1';
export const SERVICES_DELIVERED = 'referrals.services-delivered.v1';
export const REFERRAL_CLOSED = 'referrals.referral-closed.v1';
export const REFERRAL_REVOKED = 'referrals.referral-revoked.v1';
export const CROSS_BORDER_SHARE_REQUESTED = 'referrals.cross-border-share-requested.v1';
export const CROSS_BORDER_SHARE_ACKNOWLEDGED = 'referrals.cross-border-share-acknowledged.v1';
export const CROSS_BORDER_SHARE_ACCEPTED = 'referrals.cross-border-share-accepted.v1';
export const CROSS_BORDER_SHARE_DECLINED = 'referrals.cross-border-share-declined.v1';
export const CROSS_BORDER_SHARE_CLOSED = 'referrals.cross-border-share-closed.v1';

/** Events of a referral stream; type names are stable and versioned. */
export type ReferralEvent =
  | { readonly type: typeof REFERRAL_OPENED; readonly data: ReferralOpenedData }
  | { readonly type: typeof REFERRAL_ACCEPTED; readonly data: ReferralAcceptedData }
  | { readonly type: typeof REFERRAL_DECLINED; readonly data: ReferralDeclinedData }
  | { readonly type: typeof REFERRAL_ESCALATED; readonly data: ReferralEscalatedData }
  | { readonly type: typeof CONSENT_RECORDED; readonly data: ConsentRecordedData }
  | { readonly type: typeof CONSENT_WITHDRAWN; readonly data: ConsentWithdrawnData }
  | { readonly type: typeof SERVICES_DELIVERED; readonly data: ServicesDeliveredData }
  | { readonly type: typeof REFERRAL_CLOSED; readonly data: ReferralClosedData }
  | { readonly type: typeof REFERRAL_REVOKED; readonly data: ReferralRevokedData }
  | { readonly type: typeof CROSS_BORDER_SHARE_REQUESTED; readonly data: CrossBorderShareRequestedData }
  | { readonly type: typeof CROSS_BORDER_SHARE_ACKNOWLEDGED; readonly data: CrossBorderShareStepData }
  | { readonly type: typeof CROSS_BORDER_SHARE_ACCEPTED; readonly data: CrossBorderShareStepData }
  | { readonly type: typeof CROSS_BORDER_SHARE_DECLINED; readonly data: CrossBorderShareDeclinedData }
  | { readonly type: typeof CROSS_BORDER_SHARE_CLOSED; readonly data: CrossBorderShareStepData };

export const REFERRAL_EVENT_TYPES: readonly ReferralEvent['type'][] = [
  REFERRAL_OPENED,
  REFERRAL_ACCEPTED,
  REFERRAL_DECLINED,
  REFERRAL_ESCALATED,
  CONSENT_RECORDED,
  CONSENT_WITHDRAWN,
  SERVICES_DELIVERED,
  REFERRAL_CLOSED,
  REFERRAL_REVOKED,
  CROSS_BORDER_SHARE_REQUESTED,
  CROSS_BORDER_SHARE_ACKNOWLEDGED,
  CROSS_BORDER_SHARE_ACCEPTED,
  CROSS_BORDER_SHARE_DECLINED,
  CROSS_BORDER_SHARE_CLOSED,
];

/** Stream of one referral. */
export const referralStream = (referralId: string): string => `referral-${referralId}`;
