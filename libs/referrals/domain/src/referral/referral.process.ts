import {
  assertNever,
  TRAFFICKING_FLAG_CLOSED,
  TRAFFICKING_FLAG_INDICATORS_ADDED,
  TRAFFICKING_FLAG_RAISED,
  TRAFFICKING_FLAG_WITHDRAWN,
  type FlagEvent,
  type Severity,
} from '@border-ledger/points-of-entry-domain';
import type { Service } from './referral.codes';
import { escalationRefusal, type ReferralState } from './referral.decider';

/** A referral a flag calls for; the process manager adds the point of entry and the time to open it. */
export interface ReferralPlan {
  /** Derived from the flag and the service: replaying the flag opens nothing twice. */
  readonly referralId: string;
  readonly flagId: string;
  readonly service: Service;
  readonly severity: Severity;
  readonly childProtection: boolean;
}

export type FlagReferralDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'open'; readonly referrals: readonly ReferralPlan[] }
  | { readonly kind: 'revoke-all'; readonly flagId: string; readonly reason: 'flag-withdrawn' };

export const referralIdFor = (flagId: string, service: Service): string => `${flagId}.${service}`;

/**
 * Services a flag is referred to: a child only and always to child protection; an adult by
 * severity (low: assisted on site, no referral; medium: psychosocial and legal aid; high: also
 * shelter; critical: also medical).
 */
export function servicesFor(severity: Severity, childProtection: boolean): Service[] {
  if (childProtection) return ['child-protection'];
  switch (severity) {
    case 'low':
      return [];
    case 'medium':
      return ['psychosocial', 'legal-aid'];
    case 'high':
      return ['shelter', 'psychosocial', 'legal-aid'];
    case 'critical':
      return ['shelter', 'medical', 'psychosocial', 'legal-aid'];
    default:
      return assertNever(severity);
  }
}

/**
 * What a flag event asks of the referrals service. After indicators are added, the plan is the
 * whole set for the new assessment; referrals already open are refused as `referral-already-opened`.
 */
export function referralDecisionForFlag(event: FlagEvent): FlagReferralDecision {
  switch (event.type) {
    case TRAFFICKING_FLAG_RAISED:
    case TRAFFICKING_FLAG_INDICATORS_ADDED: {
      const { flagId, severity, childProtection } = event.data;
      const services = servicesFor(severity, childProtection);
      if (services.length === 0) return { kind: 'none' };
      return { kind: 'open', referrals: services.map((service) => ({ referralId: referralIdFor(flagId, service), flagId, service, severity, childProtection })) };
    }
    case TRAFFICKING_FLAG_CLOSED:
      return { kind: 'none' };
    case TRAFFICKING_FLAG_WITHDRAWN:
      return { kind: 'revoke-all', flagId: event.data.flagId, reason: 'flag-withdrawn' };
    default:
      return assertNever(event);
  }
}

/** Ids of the referrals the timer escalates at `now`, earliest deadline first (then by id). */
export function dueEscalations(referrals: readonly ReferralState[], now: Date): string[] {
  return referrals
    .flatMap((state) => (state.status !== 'none' && escalationRefusal(state, now) === null ? [state.referral] : []))
    .sort((a, b) => a.acceptanceDeadline.localeCompare(b.acceptanceDeadline) || a.referralId.localeCompare(b.referralId))
    .map((referral) => referral.referralId);
}
