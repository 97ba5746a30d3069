import { RuleViolation } from './rule-violation';

/** The rule a function is refused by (fails the test when it is not refused). */
export function ruleOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolation) return error.rule;
    throw error;
  }
  throw new Error('expected a rule violation');
}

/** A decider as the specs drive it: the state before any event, the fold, and the decision. */
export interface SpecDecider<S, E, C, X> {
  readonly initialState: S;
  readonly evolve: (state: S, event: E) => S;
  readonly decide: (command: C, state: S, context: X) => E[];
}

/**
 * `given(events, context?).when(command)`: folds the events, then decides the command in the
 * default context with the given fields replaced; returns the events (or throws the refusal).
 */
export function givenEvents<S, E, C, X extends object>(decider: SpecDecider<S, E, C, X>, context: X) {
  return (events: readonly E[], ctx: Partial<X> = {}): { when: (command: C) => E[] } => {
    const state = events.reduce(decider.evolve, decider.initialState);
    return { when: (command) => decider.decide(command, state, { ...context, ...ctx }) };
  };
}
