import type { ScreeningPolicy } from './policy.types';

export const SCREENING_POLICY_PUBLISHED = 'points-of-entry.screening-policy-published.v1';

/** The policy as published: the whole rule set travels in the event, so outcomes can be recomputed. */
export type ScreeningPolicyPublishedData = ScreeningPolicy;

/** Events of a country's policy stream; type names are stable and versioned. */
export type ScreeningPolicyEvent = {
  readonly type: typeof SCREENING_POLICY_PUBLISHED;
  readonly data: ScreeningPolicyPublishedData;
};

export const SCREENING_POLICY_EVENT_TYPES: readonly ScreeningPolicyEvent['type'][] = [SCREENING_POLICY_PUBLISHED];

/** Stream of the screening policies of one country. */
export const screeningPolicyStream = (country: string): string => `screening-policy-${country}`;
