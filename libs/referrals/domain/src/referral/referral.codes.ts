/** Services a trafficking flag may be referred to. */
export const SERVICES = ['shelter', 'child-protection', 'legal-aid', 'medical', 'psychosocial'] as const;
export type Service = (typeof SERVICES)[number];

/**
 * Immediate protection: an adult is referred to these without prior consent (safety first).
 * Any other service for an adult needs recorded consent before it goes further.
 */
export const IMMEDIATE_PROTECTION_SERVICES: readonly Service[] = ['shelter', 'medical'];

export const DECLINE_REASONS = ['no-capacity', 'outside-mandate', 'outside-area', 'person-not-reachable'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Why a referral did not succeed. */
export const NOT_SUCCEEDED_REASONS = ['person-declined-services', 'person-lost-contact', 'service-unavailable', 'transferred-elsewhere'] as const;
export type NotSucceededReason = (typeof NOT_SUCCEEDED_REASONS)[number];

export type ReferralOutcome = { readonly kind: 'succeeded' } | { readonly kind: 'not-succeeded'; readonly reason: NotSucceededReason };

export const REVOKE_REASONS = ['flag-withdrawn', 'opened-in-error', 'duplicate'] as const;
export type RevokeReason = (typeof REVOKE_REASONS)[number];

export const SHARE_DECLINE_REASONS = ['outside-mandate', 'insufficient-information', 'no-capacity'] as const;
export type ShareDeclineReason = (typeof SHARE_DECLINE_REASONS)[number];

/** A referral's consent: children's referrals never depend on it (best interests of the child). */
export type ConsentStatus = 'not-applicable' | 'not-given' | 'given' | 'withdrawn';

/** True when an adult's referral to this service needs consent before going further. */
export const needsConsent = (service: Service, childProtection: boolean): boolean =>
  !childProtection && !IMMEDIATE_PROTECTION_SERVICES.includes(service);
