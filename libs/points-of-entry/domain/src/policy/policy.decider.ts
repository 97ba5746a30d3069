import { ISO_COUNTRIES } from '../reference/codes';
import { assertNever, RuleViolation } from '../shared/rule-violation';
import type { ScreeningPolicyCommand, ScreeningPolicyContext } from './policy.commands';
import { SCREENING_POLICY_PUBLISHED, type ScreeningPolicyEvent } from './policy.events';
import type { ScreeningPolicy } from './policy.types';
import { discriminatingReferences, policyRuleProblems } from './policy.validation';

/** The screening policies of one country. */
export type ScreeningPolicyState =
  | { readonly status: 'none' }
  | { readonly status: 'published'; readonly country: string; readonly policies: readonly ScreeningPolicy[] };

export const initialScreeningPolicyState: ScreeningPolicyState = { status: 'none' };

/**
 * Decides a policy publication. Refuses, by rule: `policy-discriminates` (rules naming nationality
 * or purpose of travel), `policy-invalid`, `policy-of-another-country`, `policy-version-not-increasing`,
 * `policy-effective-date-goes-back`, `policy-id-already-used`.
 */
export function decideScreeningPolicy(
  command: ScreeningPolicyCommand,
  state: ScreeningPolicyState,
  context: ScreeningPolicyContext,
): ScreeningPolicyEvent[] {
  switch (command.kind) {
    case 'PublishScreeningPolicy': {
      const { policy } = command;
      checkPolicyContent(policy);
      if (policy.country !== context.nodeCountry) {
        throw new RuleViolation(
          'policy-of-another-country',
          `This node publishes screening policies for ${context.nodeCountry}, not ${policy.country}`,
        );
      }
      if (state.status === 'published') checkSequence(policy, state.policies);
      return [{ type: SCREENING_POLICY_PUBLISHED, data: policy }];
    }
    default:
      return assertNever(command.kind as never);
  }
}

/**
 * Refuses a policy (published or draft) whose rules refer to nationality or purpose of travel
 * (`policy-discriminates`) or are malformed (`policy-invalid`).
 */
export function checkPolicyContent(policy: ScreeningPolicy): void {
  const references = discriminatingReferences(policy.rules);
  if (references.length > 0) {
    throw new RuleViolation(
      'policy-discriminates',
      'A screening policy must apply the same rules to every category of traveller; it may not refer to ' +
        `nationality or purpose of travel (found at ${references.join(', ')})`,
    );
  }
  const problems = [
    ...(ISO_COUNTRIES.includes(policy.country) ? [] : ['country must be an ISO 3166-1 alpha-2 code']),
    ...(Number.isSafeInteger(policy.version) && policy.version >= 1 ? [] : ['version must be a positive integer']),
    ...(Number.isNaN(Date.parse(policy.effectiveFrom)) ? ['effectiveFrom must be an ISO 8601 instant'] : []),
    ...policyRuleProblems(policy.rules),
  ];
  if (problems.length > 0) throw new RuleViolation('policy-invalid', problems.join('; '));
}

function checkSequence(policy: ScreeningPolicy, published: readonly ScreeningPolicy[]): void {
  const latest = published[published.length - 1];
  if (published.some((p) => p.policyId === policy.policyId)) {
    throw new RuleViolation('policy-id-already-used', `Policy ${policy.policyId} is already published`);
  }
  if (policy.version <= latest.version) {
    throw new RuleViolation(
      'policy-version-not-increasing',
      `Version ${policy.version} does not follow version ${latest.version} of ${policy.country}'s policy`,
    );
  }
  if (Date.parse(policy.effectiveFrom) < Date.parse(latest.effectiveFrom)) {
    throw new RuleViolation(
      'policy-effective-date-goes-back',
      `effectiveFrom ${policy.effectiveFrom} is before ${latest.effectiveFrom}, when version ${latest.version} took effect`,
    );
  }
}

export function evolveScreeningPolicy(state: ScreeningPolicyState, event: ScreeningPolicyEvent): ScreeningPolicyState {
  switch (event.type) {
    case SCREENING_POLICY_PUBLISHED:
      return {
        status: 'published',
        country: event.data.country,
        policies: [...(state.status === 'published' ? state.policies : []), event.data],
      };
    default:
      return assertNever(event.type as never);
  }
}
