import type { ScreeningPolicy } from '../policy/policy.types';
import { OUTCOME_CATEGORIES, type OutcomeCategory } from './screening.codes';
import { evaluate } from './screening.evaluate';
import type { ScreeningEvent, ScreeningOutcome } from './screening.events';
import { screeningFacts } from './screening.facts';
import { decidedOutcome } from './screening.recompute';

export type OutcomeCounts = Record<OutcomeCategory, number>;

/** How the outcomes of one point of entry (or all) would change under a draft policy. */
export interface WhatIfFigures {
  /** Decided screenings of the period that were replayed. */
  readonly screenings: number;
  readonly outcomes: { readonly current: OutcomeCounts; readonly draft: OutcomeCounts };
  /** Screenings whose category or quarantine days differ. */
  readonly changedOutcomes: number;
  readonly referrals: { readonly current: number; readonly draft: number };
  readonly quarantineBedDays: { readonly current: number; readonly draft: number };
}

export interface WhatIfReport {
  readonly country: string;
  readonly from: string;
  readonly to: string;
  readonly pointsOfEntry: ReadonlyArray<WhatIfFigures & { readonly pointOfEntry: string }>;
  readonly total: WhatIfFigures;
  /** Screenings of the period without an outcome yet: not replayed. */
  readonly undecided: number;
}

export interface WhatIfPeriod {
  /** Inclusive start and exclusive end of the crossing times (ISO 8601). */
  readonly from: string;
  readonly to: string;
  /** Only these points of entry; all of the draft's country when absent. */
  readonly pointsOfEntry?: readonly string[];
}

/** The country of a point of entry: its code starts with it (`TH-MAESOT`). */
export const countryOfPointOfEntry = (code: string): string => code.slice(0, 2);

const zeroCounts = (): Record<OutcomeCategory, number> =>
  Object.fromEntries(OUTCOME_CATEGORIES.map((c) => [c, 0])) as Record<OutcomeCategory, number>;
const emptyFigures = () => ({
  screenings: 0,
  outcomes: { current: zeroCounts(), draft: zeroCounts() },
  changedOutcomes: 0,
  referrals: { current: 0, draft: 0 },
  quarantineBedDays: { current: 0, draft: 0 },
});
const bedDays = (outcome: ScreeningOutcome): number => (outcome.category === 'quarantine' ? outcome.days : 0);
const same = (a: ScreeningOutcome, b: ScreeningOutcome): boolean => a.category === b.category && bedDays(a) === bedDays(b);

/** Groups screening events by crossing, in log order. */
export function groupScreenings(events: Iterable<ScreeningEvent>): ScreeningEvent[][] {
  const byCrossing = new Map<string, ScreeningEvent[]>();
  for (const event of events) {
    const list = byCrossing.get(event.data.crossingId) ?? [];
    list.push(event);
    byCrossing.set(event.data.crossingId, list);
  }
  return [...byCrossing.values()];
}

/**
 * Replays the decided screenings of a period under a draft policy and compares the outcomes with
 * the recorded ones. Pure: it reads the given events and writes nothing.
 */
export function whatIf(screenings: readonly (readonly ScreeningEvent[])[], draft: ScreeningPolicy, period: WhatIfPeriod): WhatIfReport {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const wanted = period.pointsOfEntry ? new Set(period.pointsOfEntry) : null;
  const byPoe = new Map<string, ReturnType<typeof emptyFigures>>();
  for (const code of period.pointsOfEntry ?? []) byPoe.set(code, emptyFigures());
  const total = emptyFigures();
  let undecided = 0;
  for (const events of screenings) {
    const facts = screeningFacts(events);
    if (!facts) continue;
    const at = Date.parse(facts.crossedAt);
    if (at < from || at >= to || countryOfPointOfEntry(facts.pointOfEntry) !== draft.country) continue;
    if (wanted && !wanted.has(facts.pointOfEntry)) continue;
    const current = decidedOutcome(events)?.outcome;
    if (!current) {
      undecided += 1;
      continue;
    }
    const next = evaluate(draft, facts).outcome;
    const figures = byPoe.get(facts.pointOfEntry) ?? emptyFigures();
    byPoe.set(facts.pointOfEntry, figures);
    for (const f of [figures, total]) {
      f.screenings += 1;
      f.outcomes.current[current.category] += 1;
      f.outcomes.draft[next.category] += 1;
      if (!same(current, next)) f.changedOutcomes += 1;
      f.referrals.current += current.category === 'referral-for-care' ? 1 : 0;
      f.referrals.draft += next.category === 'referral-for-care' ? 1 : 0;
      f.quarantineBedDays.current += bedDays(current);
      f.quarantineBedDays.draft += bedDays(next);
    }
  }
  const pointsOfEntry = [...byPoe.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pointOfEntry, figures]) => ({ pointOfEntry, ...figures }));
  return { country: draft.country, from: period.from, to: period.to, pointsOfEntry, total, undecided };
}
