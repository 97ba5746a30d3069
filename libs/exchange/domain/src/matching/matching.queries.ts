import type { MatchingState, CrossingSeen } from './matching';

export const MATCH_REASONS = ['child', 'trafficking-flag', 'quarantine-referral'] as const;
/** Why an exit must be seen again on the other side. */
export type MatchReason = (typeof MATCH_REASONS)[number];

/** How far the two sides' clocks may disagree: an entry this much "before" its exit still matches. */
export const MATCH_CLOCK_SKEW_MS = 30 * 60 * 1000;

/**
 * `waiting` until the wait is over, then `overdue` (an alert is due); `matched` when the entry was
 * available within the wait; `resolved` when it came only after the wait (after the alert).
 */
export type ExpectationStatus = 'waiting' | 'overdue' | 'matched' | 'resolved';

/** A flagged exit and the entry expected on the other side. */
export interface Expectation {
  readonly exitCrossingRef: string;
  readonly travellerRef: string;
  readonly exitPoint: string;
  readonly expectedPoint: string;
  readonly exitAt: string;
  readonly dueAt: string;
  readonly reasons: readonly MatchReason[];
  readonly status: ExpectationStatus;
  readonly entryCrossingRef?: string;
}

/** A flagged traveller who left and was not seen arriving where expected within the wait. */
export interface MatchAlert {
  /** Deterministic from the exit's crossing ref: raising it twice is idempotent. */
  readonly alertId: string;
  readonly travellerRef: string;
  readonly exitCrossingRef: string;
  readonly exitPoint: string;
  readonly expectedPoint: string;
  readonly exitAt: string;
  readonly dueAt: string;
  readonly reasons: readonly MatchReason[];
}

/** The alert id of an exit. */
export const matchAlertId = (exitCrossingRef: string): string => `exit-unmatched-${exitCrossingRef}`;

/** Every flagged, not voided exit at a paired point of entry, with its status at `now`. */
export function matchExpectations(state: MatchingState, now: Date, waitMs: number): Expectation[] {
  const expectations: Expectation[] = [];
  for (const exit of state.crossings.values()) {
    if (exit.direction !== 'exit' || exit.pairedPointOfEntry === '' || state.voided.has(exit.crossingRef)) continue;
    const reasons = reasonsOf(state, exit);
    if (reasons.length === 0) continue;
    const exitAt = Date.parse(exit.crossedAt);
    const due = exitAt + waitMs;
    const entry = matchingEntry(state, exit, exitAt);
    const status: ExpectationStatus = entry ? (entry.availableAt > due ? 'resolved' : 'matched') : now.getTime() >= due ? 'overdue' : 'waiting';
    expectations.push({
      exitCrossingRef: exit.crossingRef,
      travellerRef: exit.travellerRef,
      exitPoint: exit.pointOfEntry,
      expectedPoint: exit.pairedPointOfEntry,
      exitAt: exit.crossedAt,
      dueAt: new Date(due).toISOString(),
      reasons,
      status,
      ...(entry ? { entryCrossingRef: entry.crossingRef } : {}),
    });
  }
  return expectations.sort((a, b) => Date.parse(a.exitAt) - Date.parse(b.exitAt) || a.exitCrossingRef.localeCompare(b.exitCrossingRef));
}

/** The alerts due at `now`: flagged exits with no entry at the paired point of entry within `waitMs`. */
export function dueMatchAlerts(state: MatchingState, now: Date, waitMs: number): MatchAlert[] {
  return alertsOf(matchExpectations(state, now, waitMs));
}

/** The alerts among expectations already computed (the overdue ones). */
export function alertsOf(expectations: readonly Expectation[]): MatchAlert[] {
  return expectations
    .filter((e) => e.status === 'overdue')
    .map(({ exitCrossingRef, travellerRef, exitPoint, expectedPoint, exitAt, dueAt, reasons }) => ({
      alertId: matchAlertId(exitCrossingRef),
      travellerRef,
      exitCrossingRef,
      exitPoint,
      expectedPoint,
      exitAt,
      dueAt,
      reasons,
    }));
}

function reasonsOf(state: MatchingState, exit: CrossingSeen): MatchReason[] {
  const flagged = [...state.flags.values()].some((f) => f.crossingRef === exit.crossingRef && !f.withdrawn);
  const outcome = state.outcomes.get(exit.crossingRef);
  return [
    ...(exit.child ? (['child'] as const) : []),
    ...(flagged ? (['trafficking-flag'] as const) : []),
    ...(outcome !== undefined && outcome !== 'cleared' ? (['quarantine-referral'] as const) : []),
  ];
}

/** The earliest not voided entry of the same traveller at the expected point, not before the exit (give or take the skew). */
function matchingEntry(state: MatchingState, exit: CrossingSeen, exitAt: number): CrossingSeen | undefined {
  let best: CrossingSeen | undefined;
  for (const ref of state.byTraveller.get(exit.travellerRef) ?? []) {
    const crossing = state.crossings.get(ref);
    if (!crossing || crossing.direction !== 'entry' || crossing.pointOfEntry !== exit.pairedPointOfEntry || state.voided.has(ref)) continue;
    const at = Date.parse(crossing.crossedAt);
    if (at < exitAt - MATCH_CLOCK_SKEW_MS) continue;
    if (!best || at < Date.parse(best.crossedAt)) best = crossing;
  }
  return best;
}
