import type { GmsCountry, Severity } from '@border-ledger/points-of-entry-domain';
import type { DeclineReason, ReferralOutcome, RevokeReason, Service, ShareDeclineReason } from './referral.codes';

export interface OpenReferral {
  readonly kind: 'OpenReferral';
  readonly referralId: string;
  readonly flagId: string;
  readonly severity: Severity;
  readonly childProtection: boolean;
  readonly pointOfEntry: string;
  readonly service: Service;
  readonly openedAt: string;
}
export interface AcceptReferral {
  readonly kind: 'AcceptReferral';
  readonly referralId: string;
  readonly acceptedAt: string;
}
export interface DeclineReferral {
  readonly kind: 'DeclineReferral';
  readonly referralId: string;
  readonly reason: DeclineReason;
  readonly declinedAt: string;
}
/** Escalated at `context.now`. */
export interface EscalateReferral {
  readonly kind: 'EscalateReferral';
  readonly referralId: string;
}
export interface RecordConsent {
  readonly kind: 'RecordConsent';
  readonly referralId: string;
  readonly recordedAt: string;
}
export interface WithdrawConsent {
  readonly kind: 'WithdrawConsent';
  readonly referralId: string;
  readonly withdrawnAt: string;
}
export interface RecordServicesDelivered {
  readonly kind: 'RecordServicesDelivered';
  readonly referralId: string;
  readonly deliveredAt: string;
}
export interface CloseReferral {
  readonly kind: 'CloseReferral';
  readonly referralId: string;
  readonly outcome: ReferralOutcome;
  readonly closedAt: string;
}
export interface RevokeReferral {
  readonly kind: 'RevokeReferral';
  readonly referralId: string;
  readonly reason: RevokeReason;
  readonly revokedAt: string;
}
export interface ShareCrossBorder {
  readonly kind: 'ShareCrossBorder';
  readonly referralId: string;
  readonly toCountry: GmsCountry;
  readonly requestedAt: string;
}
/** The receiving country's answers, recorded on the sending node. */
export interface AcknowledgeCrossBorderShare {
  readonly kind: 'AcknowledgeCrossBorderShare';
  readonly referralId: string;
  readonly at: string;
}
export interface AcceptCrossBorderShare {
  readonly kind: 'AcceptCrossBorderShare';
  readonly referralId: string;
  readonly at: string;
}
export interface DeclineCrossBorderShare {
  readonly kind: 'DeclineCrossBorderShare';
  readonly referralId: string;
  readonly reason: ShareDeclineReason;
  readonly at: string;
}
export interface CloseCrossBorderShare {
  readonly kind: 'CloseCrossBorderShare';
  readonly referralId: string;
  readonly at: string;
}

export type ReferralCommand =
  | OpenReferral
  | AcceptReferral
  | DeclineReferral
  | EscalateReferral
  | RecordConsent
  | WithdrawConsent
  | RecordServicesDelivered
  | CloseReferral
  | RevokeReferral
  | ShareCrossBorder
  | AcknowledgeCrossBorderShare
  | AcceptCrossBorderShare
  | DeclineCrossBorderShare
  | CloseCrossBorderShare;

/** What a referral decision needs besides the command and the referral's state. */
export interface ReferralContext {
  readonly now: Date;
  readonly nodeCountry: GmsCountry;
  /** Time the receiving service has to accept an urgent referral (a child, or a critical flag), e.g. 120. */
  readonly urgentAcceptanceMinutes: number;
  /** Time for any other referral, e.g. 48 h. */
  readonly standardAcceptanceMinutes: number;
}
