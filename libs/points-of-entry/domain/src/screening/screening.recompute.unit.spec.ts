import { SCREENING_POLICY_PUBLISHED, type ScreeningPolicyEvent } from '../policy/policy.events';
import type { ScreeningContext } from './screening.commands';
import { recomputeOutcome } from './screening.recompute';
import { syntheticScreenings } from './screening.synthetic';
import { policyV1, policyV2, run } from './screening.spec-fixtures';

const policyEvents: ScreeningPolicyEvent[] = [policyV1, policyV2].map((data) => ({ type: SCREENING_POLICY_PUBLISHED, data }));

describe('recomputeOutcome (events alone)', () => {
  const screenings = syntheticScreenings({
    seed: 42,
    pointsOfEntry: ['TH-MAESOT', 'TH-NONGKHAI'],
    firstDay: '2026-09-25',
    days: 12,
    perDay: [3, 6],
    utcOffset: '+07:00',
  });
  const context: ScreeningContext = { nodeCountry: 'TH', now: new Date('2026-11-01T00:00:00Z'), policies: [policyV1, policyV2] };

  it('gives back the recorded outcome, pathway and policy of every decided screening, under either policy', () => {
    let decided = 0;
    const versions = new Set<number>();
    for (const screening of screenings) {
      const events = run([...screening.commands], context);
      const recorded = events.find((e) => e.type === 'points-of-entry.screening-outcome-decided.v1');
      if (!recorded || recorded.type !== 'points-of-entry.screening-outcome-decided.v1') continue;
      decided += 1;
      versions.add(recorded.data.policy.version);
      expect(recomputeOutcome(events, policyEvents)).toEqual({
        pathway: recorded.data.pathway,
        outcome: recorded.data.outcome,
        policy: recorded.data.policy,
      });
    }
    expect(decided).toBeGreaterThan(50);
    expect([...versions].sort()).toEqual([1, 2]);
  });

  it('recomputes under the recorded policy even after a later policy took effect for that date', () => {
    const screening = screenings.find((s) => s.commands[s.commands.length - 1].kind === 'DecideScreeningOutcome')!;
    const events = run([...screening.commands], { ...context, policies: [policyV1] });
    const backdated = { ...policyV2, effectiveFrom: '2026-01-01T00:00:00+07:00' };
    const withBackdated: ScreeningPolicyEvent[] = [policyEvents[0], { type: SCREENING_POLICY_PUBLISHED, data: backdated }];
    expect(recomputeOutcome(events, withBackdated)?.policy.version).toBe(1);
    const undecided = events.filter((e) => e.type !== 'points-of-entry.screening-outcome-decided.v1');
    expect(recomputeOutcome(undecided, withBackdated)?.policy.version).toBe(2);
  });

  it('fails loudly when the named policy is not among the events, and is null without a start', () => {
    const decidedScreening = screenings.find((s) => s.commands[s.commands.length - 1].kind === 'DecideScreeningOutcome')!;
    const events = run([...decidedScreening.commands], { ...context, policies: [policyV1] });
    expect(() => recomputeOutcome(events, [])).toThrow(/not among the policy events/);
    expect(recomputeOutcome([], policyEvents)).toBeNull();
  });
});
