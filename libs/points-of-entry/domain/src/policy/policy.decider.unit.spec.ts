import { baseRules, policyV1, policyV2 } from '../screening/screening.spec-fixtures';
import { givenEvents, ruleOf } from '../shared/decider.spec-helpers';
import type { ScreeningPolicyCommand, ScreeningPolicyContext } from './policy.commands';
import { decideScreeningPolicy, evolveScreeningPolicy, initialScreeningPolicyState, type ScreeningPolicyState } from './policy.decider';
import { SCREENING_POLICY_PUBLISHED, type ScreeningPolicyEvent } from './policy.events';
import { policyInForce } from './policy.in-force';
import type { ScreeningPolicy } from './policy.types';
import { discriminatingReferences } from './policy.validation';

const context: ScreeningPolicyContext = { nodeCountry: 'TH' };
const publish = (policy: ScreeningPolicy): ScreeningPolicyCommand => ({ kind: 'PublishScreeningPolicy', policy });
const published = (policy: ScreeningPolicy): ScreeningPolicyEvent => ({ type: SCREENING_POLICY_PUBLISHED, data: policy });

const given = givenEvents(
  { initialState: initialScreeningPolicyState, evolve: evolveScreeningPolicy, decide: decideScreeningPolicy },
  context,
);

describe('screening policy decider', () => {
  it('publishes the first policy of a country', () => {
    expect(given([]).when(publish(policyV1))).toEqual([published(policyV1)]);
  });

  it('publishes a later version with a later or equal effective date', () => {
    expect(given([published(policyV1)]).when(publish(policyV2))).toEqual([published(policyV2)]);
    const sameDay = { ...policyV2, effectiveFrom: policyV1.effectiveFrom };
    expect(given([published(policyV1)]).when(publish(sameDay))).toEqual([published(sameDay)]);
  });

  it('refuses a version that does not increase', () => {
    const again = { ...policyV2, version: 1 };
    expect(ruleOf(() => given([published(policyV1)]).when(publish(again)))).toBe('policy-version-not-increasing');
    expect(ruleOf(() => given([published(policyV1), published(policyV2)]).when(publish({ ...again, policyId: 'x-3', version: 2 })))).toBe(
      'policy-version-not-increasing',
    );
  });

  it('refuses an effective date before the last published one', () => {
    const back = { ...policyV2, effectiveFrom: '2025-12-31T23:59:59+07:00' };
    expect(ruleOf(() => given([published(policyV1)]).when(publish(back)))).toBe('policy-effective-date-goes-back');
  });

  it('refuses a reused policy id', () => {
    expect(ruleOf(() => given([published(policyV1)]).when(publish({ ...policyV2, policyId: policyV1.policyId })))).toBe(
      'policy-id-already-used',
    );
  });

  it('refuses a policy that names nationality or purpose of travel, as a field or in a condition', () => {
    const byCondition = {
      ...baseRules,
      categoryRules: [{ when: { attribute: 'nationality', in: ['MM'] }, exemptFromTesting: false, exemptFromQuarantine: false }],
    };
    const byField = { ...baseRules, testing: { ...baseRules.testing, purposeOfTravel: ['work'] } };
    const byNestedValue = { ...baseRules, countriesVisited: [{ countries: ['MM'], withinDays: 14, quarantineDays: 10, unless: 'citizenship:TH' }] };
    for (const rules of [byCondition, byField, byNestedValue]) {
      expect(ruleOf(() => given([]).when(publish({ ...policyV1, rules: rules as never })))).toBe('policy-discriminates');
    }
    expect(discriminatingReferences(byCondition)).toEqual(['categoryRules[0].when.attribute']);
    expect(discriminatingReferences(byField)).toEqual(['testing.purposeOfTravel']);
    expect(discriminatingReferences({ international: true, note: 'countries visited' })).toEqual([]);
  });

  it('explains a discriminating policy in its message', () => {
    const rules = { ...baseRules, categoryRules: [{ when: { attribute: 'purpose', in: ['work'] }, exemptFromTesting: true, exemptFromQuarantine: false }] };
    expect(() => given([]).when(publish({ ...policyV1, rules }))).toThrow(/same rules to every category of traveller.*categoryRules\[0\]\.when\.attribute/);
  });

  it('refuses malformed rules, an unknown category attribute, and another country', () => {
    const unknownAttribute = { ...baseRules, categoryRules: [{ when: { attribute: 'sex', in: ['female'] }, exemptFromTesting: true, exemptFromQuarantine: false }] };
    const badFever = { ...baseRules, temperature: { feverAtOrAboveCelsius: 42 } };
    expect(ruleOf(() => given([]).when(publish({ ...policyV1, rules: unknownAttribute })))).toBe('policy-invalid');
    expect(ruleOf(() => given([]).when(publish({ ...policyV1, rules: badFever })))).toBe('policy-invalid');
    expect(ruleOf(() => given([]).when(publish({ ...policyV1, version: 0 })))).toBe('policy-invalid');
    expect(ruleOf(() => given([]).when(publish({ ...policyV1, country: 'LA' })))).toBe('policy-of-another-country');
  });

  it('evolves to the list of published policies, and picks the one in force by effective date', () => {
    const state = [published(policyV1), published(policyV2)].reduce<ScreeningPolicyState>(evolveScreeningPolicy, initialScreeningPolicyState);
    expect(state).toEqual({ status: 'published', country: 'TH', policies: [policyV1, policyV2] });
    expect(policyInForce([policyV1, policyV2], '2025-06-01T00:00:00Z')).toBeNull();
    expect(policyInForce([policyV1, policyV2], '2026-09-30T23:59:59+07:00')).toBe(policyV1);
    expect(policyInForce([policyV1, policyV2], '2026-09-30T17:00:00Z')).toBe(policyV2);
  });
});
