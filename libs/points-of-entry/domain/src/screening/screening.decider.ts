import { policyInForce } from '../policy/policy.in-force';
import { policyRef, type PolicyRef, type ScreeningPolicy } from '../policy/policy.types';
import { assertNever, RuleViolation } from '../shared/rule-violation';
import type { Pathway } from './screening.codes';
import type { ScreeningCommand, ScreeningContext, StartScreening } from './screening.commands';
import { countedTest, evaluate } from './screening.evaluate';
import { assessPathway } from './screening.evaluate';
import {
  HEALTH_DECLARED,
  SCREENING_OUTCOME_DECIDED,
  SCREENING_PATHWAY_ASSIGNED,
  SCREENING_STARTED,
  SCREENING_TEST_RECORDED,
  TEMPERATURE_RECORDED,
  VACCINATION_RECORDED,
  type ScreeningEvent,
  type ScreeningOutcome,
} from './screening.events';
import { addFact, type ScreeningFacts } from './screening.facts';
import { checkDeclaration, checkTemperature, checkVaccination } from './screening.checks';

/**
 * The screening workflow of one crossing: started → declared → on a pathway (symptomatic or
 * asymptomatic, once the temperature is taken) → decided. Tests and the vaccination certificate
 * are recorded on a pathway; a symptomatic traveller needs a counted test before an outcome.
 */
export type ScreeningState =
  | { readonly status: 'none' }
  | { readonly status: 'started'; readonly facts: ScreeningFacts }
  | { readonly status: 'declared'; readonly facts: ScreeningFacts }
  | { readonly status: Pathway; readonly facts: ScreeningFacts; readonly policy: PolicyRef }
  | {
      readonly status: 'decided';
      readonly facts: ScreeningFacts;
      readonly pathway: Pathway;
      readonly outcome: ScreeningOutcome;
      readonly policy: PolicyRef;
    };

export const initialScreeningState: ScreeningState = { status: 'none' };

/** How far into the future a device clock may be before a crossing time is refused. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function decideScreening(command: ScreeningCommand, state: ScreeningState, context: ScreeningContext): ScreeningEvent[] {
  if (command.kind === 'StartScreening') {
    if (state.status !== 'none') throw new RuleViolation('screening-already-started', `Screening of ${command.screening.crossingId} has started`);
    checkStart(command, context);
    return [{ type: SCREENING_STARTED, data: command.screening }];
  }
  if (state.status === 'none') throw new RuleViolation('screening-not-started', 'Start the screening of this crossing first');
  if (state.status === 'decided') throw new RuleViolation('screening-already-decided', 'The outcome of this screening is decided');
  const { facts } = state;
  switch (command.kind) {
    case 'RecordHealthDeclaration':
      if (state.status !== 'started') throw new RuleViolation('health-already-declared', 'The health declaration is recorded');
      checkDeclaration(command.declaration, facts);
      return [{ type: HEALTH_DECLARED, data: command.declaration }];
    case 'RecordTemperature': {
      if (state.status === 'started') throw declarationFirst();
      if (state.status !== 'declared') throw new RuleViolation('temperature-already-recorded', 'The temperature is recorded');
      checkTemperature(command.celsius);
      const policy = inForce(context, facts);
      const measured = { ...facts, temperatureCelsius: command.celsius };
      const { pathway, reasons } = assessPathway(policy.rules, measured);
      return [
        { type: TEMPERATURE_RECORDED, data: { crossingId: command.crossingId, celsius: command.celsius } },
        { type: SCREENING_PATHWAY_ASSIGNED, data: { crossingId: command.crossingId, pathway, reasons, policy: policyRef(policy) } },
      ];
    }
    case 'RecordScreeningTest':
      requirePathway(state.status);
      return [{ type: SCREENING_TEST_RECORDED, data: command.test }];
    case 'RecordVaccinationCertificate':
      requirePathway(state.status);
      if (facts.vaccination) throw new RuleViolation('vaccination-certificate-already-recorded', 'A certificate is recorded');
      checkVaccination(command.certificate, facts);
      return [{ type: VACCINATION_RECORDED, data: command.certificate }];
    case 'DecideScreeningOutcome': {
      requirePathway(state.status);
      const policy = inForce(context, facts);
      const { pathway, outcome } = evaluate(policy, facts);
      if (pathway === 'symptomatic' && outcome.category !== 'referral-for-care' && !countedTest(policy.rules, facts)) {
        throw new RuleViolation(
          'symptomatic-pathway-requires-test',
          `A symptomatic traveller needs a valid ${policy.rules.testing.acceptedTypes.join(' or ')} result before an outcome`,
        );
      }
      return [{ type: SCREENING_OUTCOME_DECIDED, data: { crossingId: command.crossingId, pathway, outcome, policy: policyRef(policy) } }];
    }
    default:
      return assertNever(command);
  }
}

const declarationFirst = (): RuleViolation =>
  new RuleViolation('health-declaration-required', 'Record the health declaration first');

function requirePathway(status: 'started' | 'declared' | Pathway): void {
  if (status === 'started') throw declarationFirst();
  if (status === 'declared') throw new RuleViolation('temperature-required', 'Take the temperature first: it decides the pathway');
}

function inForce(context: ScreeningContext, facts: { readonly crossedAt: string }): ScreeningPolicy {
  const policy = policyInForce(context.policies, facts.crossedAt);
  if (!policy) {
    throw new RuleViolation('no-screening-policy-in-force', `No screening policy of ${context.nodeCountry} is in force at ${facts.crossedAt}`);
  }
  return policy;
}

function checkStart(command: StartScreening, context: ScreeningContext): void {
  const code = command.screening.pointOfEntry;
  const country = context.pointOfEntry?.country ?? code.slice(0, 2);
  if (country !== context.nodeCountry) {
    throw new RuleViolation('point-of-entry-of-another-country', `${code} is in ${country}; this node screens in ${context.nodeCountry}`);
  }
  if (context.pointOfEntry?.code !== code) throw new RuleViolation('unknown-point-of-entry', `No point of entry ${code} is registered`);
  if (Date.parse(command.screening.crossedAt) > context.now.getTime() + CLOCK_SKEW_MS) {
    throw new RuleViolation('screening-in-the-future', 'A screening cannot be started for a crossing in the future');
  }
  inForce(context, command.screening);
}

export function evolveScreening(state: ScreeningState, event: ScreeningEvent): ScreeningState {
  const facts = addFact(state.status === 'none' ? null : state.facts, event);
  if (!facts) return state;
  switch (event.type) {
    case SCREENING_STARTED:
      return { status: 'started', facts };
    case HEALTH_DECLARED:
      return { status: 'declared', facts };
    case SCREENING_PATHWAY_ASSIGNED:
      return { status: event.data.pathway, facts, policy: event.data.policy };
    case SCREENING_OUTCOME_DECIDED:
      return { status: 'decided', facts, pathway: event.data.pathway, outcome: event.data.outcome, policy: event.data.policy };
    case TEMPERATURE_RECORDED:
    case SCREENING_TEST_RECORDED:
    case VACCINATION_RECORDED:
      return { ...state, facts } as ScreeningState;
    default:
      return assertNever(event);
  }
}
