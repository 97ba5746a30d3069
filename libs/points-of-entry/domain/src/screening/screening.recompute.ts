import { findPolicy, policiesFromEvents, policyInForce } from '../policy/policy.in-force';
import type { ScreeningPolicyEvent } from '../policy/policy.events';
import { policyRef, type PolicyRef } from '../policy/policy.types';
import { evaluate, type Evaluation } from './screening.evaluate';
import { SCREENING_OUTCOME_DECIDED, type OutcomeDecidedData, type ScreeningEvent } from './screening.events';
import { screeningFacts } from './screening.facts';

export interface RecomputedOutcome extends Evaluation {
  readonly policy: PolicyRef;
}

/**
 * Recomputes a screening's outcome from events alone: the screening's own events and its
 * country's policy events. A decided screening is recomputed under the policy its outcome names;
 * an undecided one under the policy in force at the crossing. Null when nothing can be computed
 * (not started, or no policy in force).
 */
export function recomputeOutcome(
  screeningEvents: readonly ScreeningEvent[],
  policyEvents: readonly ScreeningPolicyEvent[],
): RecomputedOutcome | null {
  const facts = screeningFacts(screeningEvents);
  if (!facts) return null;
  const policies = policiesFromEvents(policyEvents);
  const decided = decidedOutcome(screeningEvents);
  const policy = decided ? findPolicy(policies, decided.policy) : policyInForce(policies, facts.crossedAt);
  if (!policy) {
    if (decided) throw new Error(`Policy ${decided.policy.policyId} v${decided.policy.version} is not among the policy events`);
    return null;
  }
  return { ...evaluate(policy, facts), policy: policyRef(policy) };
}

/** The recorded outcome of a screening stream, if decided. */
export function decidedOutcome(events: readonly ScreeningEvent[]): OutcomeDecidedData | null {
  for (const event of events) if (event.type === SCREENING_OUTCOME_DECIDED) return event.data;
  return null;
}
