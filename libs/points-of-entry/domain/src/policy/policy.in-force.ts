import { SCREENING_POLICY_PUBLISHED, type ScreeningPolicyEvent } from './policy.events';
import type { PolicyRef, ScreeningPolicy } from './policy.types';

/** The policies a country's stream holds, in publication order. */
export function policiesFromEvents(events: readonly ScreeningPolicyEvent[]): ScreeningPolicy[] {
  return events.filter((e) => e.type === SCREENING_POLICY_PUBLISHED).map((e) => e.data);
}

/**
 * The policy in force at an instant: the highest version whose effective date is not after it.
 * Versions and effective dates only go forward, so that is also the latest effective one.
 */
export function policyInForce(policies: readonly ScreeningPolicy[], at: string): ScreeningPolicy | null {
  const instant = Date.parse(at);
  let found: ScreeningPolicy | null = null;
  for (const policy of policies) {
    if (Date.parse(policy.effectiveFrom) > instant) continue;
    if (!found || policy.version > found.version) found = policy;
  }
  return found;
}

/** The policy a recorded outcome names, by id and version. */
export function findPolicy(policies: readonly ScreeningPolicy[], ref: PolicyRef): ScreeningPolicy | null {
  return policies.find((p) => p.policyId === ref.policyId && p.version === ref.version && p.country === ref.country) ?? null;
}
