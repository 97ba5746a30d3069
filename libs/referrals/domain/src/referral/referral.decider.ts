import { assertNever, GMS_COUNTRIES, RuleViolation } from '@border-ledger/points-of-entry-domain';
import { needsConsent, type ConsentStatus, type ReferralOutcome, type RevokeReason } from './referral.codes';
import type { ReferralCommand, ReferralContext, ShareCrossBorder } from './referral.commands';
import {
  CONSENT_RECORDED,
  CONSENT_WITHDRAWN,
  CROSS_BORDER_SHARE_ACCEPTED,
  CROSS_BORDER_SHARE_ACKNOWLEDGED,
  CROSS_BORDER_SHARE_CLOSED,
  CROSS_BORDER_SHARE_DECLINED,
  CROSS_BORDER_SHARE_REQUESTED,
  REFERRAL_ACCEPTED,
  REFERRAL_CLOSED,
  REFERRAL_DECLINED,
  REFERRAL_ESCALATED,
  REFERRAL_OPENED,
  REFERRAL_REVOKED,
  SERVICES_DELIVERED,
  type ReferralEvent,
  type ReferralOpenedData,
} from './referral.events';

export type ShareStatus = 'requested' | 'acknowledged' | 'accepted' | 'declined' | 'closed';

export interface CrossBorderShare {
  readonly toCountry: string;
  readonly status: ShareStatus;
  /** True once the receiving country accepted: the sender can no longer change the referral. */
  readonly handedOver: boolean;
}

/** A referral as its events describe it. */
export interface ReferralRecord extends ReferralOpenedData {
  readonly consent: ConsentStatus;
  readonly escalatedAt: string | null;
  readonly servicesDeliveredAt: string | null;
  readonly share: CrossBorderShare | null;
}

export type ReferralState =
  | { readonly status: 'none' }
  | { readonly status: 'pending'; readonly referral: ReferralRecord }
  | { readonly status: 'accepted'; readonly referral: ReferralRecord }
  | { readonly status: 'declined'; readonly referral: ReferralRecord }
  | { readonly status: 'closed'; readonly referral: ReferralRecord; readonly outcome: ReferralOutcome }
  | { readonly status: 'revoked'; readonly referral: ReferralRecord; readonly reason: RevokeReason };

type OpenedState = Exclude<ReferralState, { readonly status: 'none' }>;

export const initialReferralState: ReferralState = { status: 'none' };

const MINUTE_MS = 60 * 1000;
/** How far into the future a device clock may be before a time is refused. */
const CLOCK_SKEW_MS = 5 * MINUTE_MS;

export function decideReferral(command: ReferralCommand, state: ReferralState, context: ReferralContext): ReferralEvent[] {
  switch (command.kind) {
    case 'OpenReferral': {
      if (state.status !== 'none') throw new RuleViolation('referral-already-opened', `Referral ${command.referralId} is already open`);
      const { referralId, flagId, severity, childProtection, pointOfEntry, service, openedAt } = command;
      if (childProtection && service !== 'child-protection') {
        throw new RuleViolation('child-referred-to-child-protection', 'A child is always referred to child protection');
      }
      const opened = checkTime(openedAt, context);
      const urgent = childProtection || severity === 'critical';
      const minutes = urgent ? context.urgentAcceptanceMinutes : context.standardAcceptanceMinutes;
      const acceptanceDeadline = new Date(opened + minutes * MINUTE_MS).toISOString();
      const data = { referralId, flagId, severity, childProtection, pointOfEntry, service, urgent, openedAt, acceptanceDeadline };
      return [{ type: REFERRAL_OPENED, data }];
    }
    case 'AcceptReferral': {
      const opened = changeable(command.referralId, state);
      pending(opened);
      if (needsConsent(opened.referral.service, opened.referral.childProtection)) checkConsentGiven(opened.referral);
      checkTime(command.acceptedAt, context);
      return [{ type: REFERRAL_ACCEPTED, data: { referralId: command.referralId, acceptedAt: command.acceptedAt } }];
    }
    case 'DeclineReferral': {
      pending(changeable(command.referralId, state));
      checkTime(command.declinedAt, context);
      const { referralId, reason, declinedAt } = command;
      return [{ type: REFERRAL_DECLINED, data: { referralId, reason, declinedAt } }];
    }
    case 'EscalateReferral': {
      const opened = changeable(command.referralId, state);
      const refusal = escalationRefusal(opened, context.now);
      if (refusal) throw new RuleViolation(refusal, `Referral ${command.referralId} cannot be escalated: ${refusal}`);
      const data = { referralId: command.referralId, acceptanceDeadline: opened.referral.acceptanceDeadline, escalatedAt: context.now.toISOString() };
      return [{ type: REFERRAL_ESCALATED, data }];
    }
    case 'RecordConsent': {
      const opened = changeable(command.referralId, state);
      notFinished(opened);
      const consent = opened.referral.consent;
      if (consent === 'not-applicable') throw new RuleViolation('consent-not-applicable-to-child', 'A child protection referral does not depend on consent');
      if (consent === 'given') throw new RuleViolation('consent-already-recorded', 'Consent is already recorded');
      if (consent === 'withdrawn') throw new RuleViolation('consent-withdrawn', 'Consent was withdrawn');
      checkTime(command.recordedAt, context);
      return [{ type: CONSENT_RECORDED, data: { referralId: command.referralId, recordedAt: command.recordedAt } }];
    }
    case 'WithdrawConsent': {
      // The person's right, whatever the referral has become (even after a handover).
      const opened = opened_(command.referralId, state);
      const consent = opened.referral.consent;
      if (consent === 'not-applicable') throw new RuleViolation('consent-not-applicable-to-child', 'A child protection referral does not depend on consent');
      if (consent !== 'given') throw new RuleViolation('consent-not-given', 'No consent to withdraw');
      checkTime(command.withdrawnAt, context);
      return [{ type: CONSENT_WITHDRAWN, data: { referralId: command.referralId, withdrawnAt: command.withdrawnAt } }];
    }
    case 'RecordServicesDelivered': {
      const opened = changeable(command.referralId, state);
      if (opened.status !== 'accepted') throw new RuleViolation('referral-not-accepted', `Referral ${command.referralId} is ${opened.status}`);
      if (opened.referral.servicesDeliveredAt) throw new RuleViolation('services-already-recorded', 'Services are already recorded as delivered');
      checkTime(command.deliveredAt, context);
      return [{ type: SERVICES_DELIVERED, data: { referralId: command.referralId, deliveredAt: command.deliveredAt } }];
    }
    case 'CloseReferral': {
      const opened = changeable(command.referralId, state);
      if (opened.status !== 'accepted' && opened.status !== 'declined') {
        throw new RuleViolation('referral-not-closable', `Referral ${command.referralId} is ${opened.status}`);
      }
      if (command.outcome.kind === 'succeeded' && !opened.referral.servicesDeliveredAt) {
        throw new RuleViolation('services-not-delivered', 'A referral succeeds only once services are delivered');
      }
      checkTime(command.closedAt, context);
      const outcome: ReferralOutcome = command.outcome.kind === 'succeeded' ? { kind: 'succeeded' } : { kind: 'not-succeeded', reason: command.outcome.reason };
      return [{ type: REFERRAL_CLOSED, data: { referralId: command.referralId, outcome, closedAt: command.closedAt } }];
    }
    case 'RevokeReferral': {
      notFinished(changeable(command.referralId, state));
      checkTime(command.revokedAt, context);
      const { referralId, reason, revokedAt } = command;
      return [{ type: REFERRAL_REVOKED, data: { referralId, reason, revokedAt } }];
    }
    case 'ShareCrossBorder':
      return [{ type: CROSS_BORDER_SHARE_REQUESTED, data: checkShare(command, opened_(command.referralId, state), context) }];
    case 'AcknowledgeCrossBorderShare':
      shareIn(opened_(command.referralId, state), ['requested'], 'share-not-requested');
      checkTime(command.at, context);
      return [{ type: CROSS_BORDER_SHARE_ACKNOWLEDGED, data: { referralId: command.referralId, at: command.at } }];
    case 'AcceptCrossBorderShare': {
      const opened = opened_(command.referralId, state);
      // A handover after revocation would put a child in the hands of a service we withdrew the case from.
      if (opened.status === 'revoked') throw new RuleViolation('referral-revoked', `Referral ${command.referralId} is revoked`);
      shareIn(opened, ['acknowledged'], 'share-not-acknowledged');
      checkTime(command.at, context);
      return [{ type: CROSS_BORDER_SHARE_ACCEPTED, data: { referralId: command.referralId, at: command.at } }];
    }
    case 'DeclineCrossBorderShare':
      shareIn(opened_(command.referralId, state), ['acknowledged'], 'share-not-acknowledged');
      checkTime(command.at, context);
      return [{ type: CROSS_BORDER_SHARE_DECLINED, data: { referralId: command.referralId, reason: command.reason, at: command.at } }];
    case 'CloseCrossBorderShare':
      shareIn(opened_(command.referralId, state), ['accepted', 'declined'], 'share-not-answered');
      checkTime(command.at, context);
      return [{ type: CROSS_BORDER_SHARE_CLOSED, data: { referralId: command.referralId, at: command.at } }];
    default:
      return assertNever(command);
  }
}

/**
 * Why a referral cannot be escalated at `now`, or null when it can: it is pending, not yet
 * escalated, not handed over, not waiting for the person's consent, and its deadline has passed.
 */
export function escalationRefusal(state: ReferralState, now: Date): string | null {
  if (state.status === 'none') return 'referral-not-found';
  if (state.referral.share?.handedOver) return 'referral-handed-over';
  if (state.status !== 'pending') return 'referral-not-pending';
  if (state.referral.escalatedAt) return 'referral-already-escalated';
  if (consentOutstanding(state.referral)) return 'consent-required';
  if (now.getTime() <= Date.parse(state.referral.acceptanceDeadline)) return 'acceptance-deadline-not-passed';
  return null;
}

/** An adult's referral beyond immediate protection waits for consent (or stops when it is withdrawn). */
const consentOutstanding = (referral: ReferralRecord): boolean =>
  needsConsent(referral.service, referral.childProtection) && (referral.consent === 'not-given' || referral.consent === 'withdrawn');

function opened_(referralId: string, state: ReferralState): OpenedState {
  if (state.status === 'none') throw new RuleViolation('referral-not-found', `No referral ${referralId}`);
  return state;
}

/** Opened, and still the sender's to change (not handed over across the border). */
function changeable(referralId: string, state: ReferralState): OpenedState {
  const opened = opened_(referralId, state);
  if (opened.referral.share?.handedOver) throw new RuleViolation('referral-handed-over', `Referral ${referralId} was handed over to ${opened.referral.share.toCountry}`);
  return opened;
}

function pending(state: OpenedState): void {
  if (state.status !== 'pending') throw new RuleViolation('referral-not-pending', `Referral ${state.referral.referralId} is ${state.status}`);
}

function notFinished(state: OpenedState): void {
  if (state.status === 'closed' || state.status === 'revoked') {
    throw new RuleViolation('referral-finished', `Referral ${state.referral.referralId} is ${state.status}`);
  }
}

function checkConsentGiven(referral: ReferralRecord): void {
  if (referral.consent === 'withdrawn') throw new RuleViolation('consent-withdrawn', 'Consent was withdrawn');
  if (referral.consent === 'not-given') throw new RuleViolation('consent-required', `A referral to ${referral.service} needs consent first`);
}

function checkShare(command: ShareCrossBorder, state: OpenedState, context: ReferralContext) {
  const { referral } = state;
  if (state.status === 'revoked') throw new RuleViolation('referral-revoked', `Referral ${referral.referralId} is revoked`);
  if (referral.share) throw new RuleViolation('referral-already-shared', `Referral ${referral.referralId} is already shared with ${referral.share.toCountry}`);
  notFinished(state);
  // Sharing beyond the node is never immediate protection: an adult must have consented.
  if (referral.consent === 'withdrawn') throw new RuleViolation('consent-withdrawn', 'Consent was withdrawn: nothing more is shared');
  if (referral.consent === 'not-given') throw new RuleViolation('consent-required', 'Sharing across the border needs consent');
  if (!(GMS_COUNTRIES as readonly string[]).includes(command.toCountry)) {
    throw new RuleViolation('country-outside-the-subregion', `${command.toCountry} is not in the subregion`);
  }
  if (command.toCountry === context.nodeCountry) throw new RuleViolation('share-to-own-country', 'A cross-border share goes to another country');
  checkTime(command.requestedAt, context);
  return { referralId: command.referralId, toCountry: command.toCountry, requestedAt: command.requestedAt };
}

function shareIn(state: OpenedState, statuses: readonly ShareStatus[], rule: string): void {
  const share = state.referral.share;
  if (!share || !statuses.includes(share.status)) throw new RuleViolation(rule, `The cross-border share is ${share?.status ?? 'not requested'}`);
}

function checkTime(at: string, context: ReferralContext): number {
  const time = Date.parse(at);
  if (Number.isNaN(time)) throw new RuleViolation('time-malformed', `${at} is not an ISO 8601 time`);
  if (time > context.now.getTime() + CLOCK_SKEW_MS) throw new RuleViolation('time-in-the-future', `${at} is in the future`);
  return time;
}

export function evolveReferral(state: ReferralState, event: ReferralEvent): ReferralState {
  if (event.type === REFERRAL_OPENED) {
    const consent: ConsentStatus = event.data.childProtection ? 'not-applicable' : 'not-given';
    return { status: 'pending', referral: { ...event.data, consent, escalatedAt: null, servicesDeliveredAt: null, share: null } };
  }
  if (state.status === 'none') return state;
  const withRecord = (patch: Partial<ReferralRecord>): ReferralState => ({ ...state, referral: { ...state.referral, ...patch } });
  const withShare = (status: ShareStatus): ReferralState => {
    const share = state.referral.share;
    return share ? withRecord({ share: { ...share, status, handedOver: share.handedOver || status === 'accepted' } }) : state;
  };
  switch (event.type) {
    case REFERRAL_ACCEPTED:
      return { status: 'accepted', referral: state.referral };
    case REFERRAL_DECLINED:
      return { status: 'declined', referral: state.referral };
    case REFERRAL_ESCALATED:
      return withRecord({ escalatedAt: event.data.escalatedAt });
    case CONSENT_RECORDED:
      return withRecord({ consent: 'given' });
    case CONSENT_WITHDRAWN:
      return withRecord({ consent: 'withdrawn' });
    case SERVICES_DELIVERED:
      return withRecord({ servicesDeliveredAt: event.data.deliveredAt });
    case REFERRAL_CLOSED:
      return { status: 'closed', referral: state.referral, outcome: event.data.outcome };
    case REFERRAL_REVOKED:
      return { status: 'revoked', referral: state.referral, reason: event.data.reason };
    case CROSS_BORDER_SHARE_REQUESTED:
      return withRecord({ share: { toCountry: event.data.toCountry, status: 'requested', handedOver: false } });
    case CROSS_BORDER_SHARE_ACKNOWLEDGED:
      return withShare('acknowledged');
    case CROSS_BORDER_SHARE_ACCEPTED:
      return withShare('accepted');
    case CROSS_BORDER_SHARE_DECLINED:
      return withShare('declined');
    case CROSS_BORDER_SHARE_CLOSED:
      return withShare('closed');
    default:
      return assertNever(event);
  }
}
