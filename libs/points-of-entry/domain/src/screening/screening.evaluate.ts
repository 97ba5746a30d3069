import type { ScreeningPolicy, ScreeningPolicyRules, VaccinationRules } from '../policy/policy.types';
import type { Pathway, Symptom } from './screening.codes';
import type { ScreeningOutcome, TestRecordedData } from './screening.events';
import { crossingDay, daysBetween, type ScreeningFacts } from './screening.facts';

/** The outcome a policy gives to the facts of one screening, and the pathway it put the traveller on. */
export interface Evaluation {
  readonly pathway: Pathway;
  readonly outcome: ScreeningOutcome;
}

/**
 * Symptomatic when the declaration lists a symptom the policy watches (or refers for care), or the measured temperature
 * is at or above its fever threshold; asymptomatic otherwise.
 */
export function assessPathway(rules: ScreeningPolicyRules, facts: ScreeningFacts): { pathway: Pathway; reasons: string[] } {
  const watched = (s: Symptom): boolean => rules.symptoms.watched.includes(s) || rules.symptoms.referForCare.includes(s);
  const reasons = (facts.declaration?.symptoms ?? []).filter(watched).map((s) => `symptom:${s}`);
  if (facts.temperatureCelsius !== null && facts.temperatureCelsius >= rules.temperature.feverAtOrAboveCelsius) {
    reasons.push(`fever:${facts.temperatureCelsius}`);
  }
  return { pathway: reasons.length > 0 ? 'symptomatic' : 'asymptomatic', reasons };
}

/** The test result that counts: valid, of an accepted type, PCR before rapid antigen, the latest of its type. */
export function countedTest(rules: ScreeningPolicyRules, facts: ScreeningFacts): TestRecordedData | null {
  const valid = facts.tests.filter((t) => t.result !== 'invalid' && rules.testing.acceptedTypes.includes(t.testType));
  const pcr = valid.filter((t) => t.testType === 'pcr');
  const pool = pcr.length > 0 ? pcr : valid;
  return pool.length > 0 ? pool[pool.length - 1] : null;
}

/** Fully vaccinated under the policy: enough doses of an accepted product, verified if required, old enough. */
export function isFullyVaccinated(rules: VaccinationRules, facts: ScreeningFacts): boolean {
  const certificate = facts.vaccination;
  if (!certificate) return false;
  const lastDose = certificate.doseDates[certificate.doseDates.length - 1];
  return (
    certificate.doses >= rules.fullyVaccinatedDoses &&
    rules.acceptedProducts.includes(certificate.product) &&
    (certificate.verified || !rules.verifiedCertificateRequired) &&
    lastDose !== undefined &&
    daysBetween(lastDose, crossingDay(facts)) >= rules.daysAfterLastDose
  );
}

/** Quarantine days for exposure (countries visited recently, contact with a case), whatever the pathway. */
function exposure(rules: ScreeningPolicyRules, facts: ScreeningFacts): { days: number; reasons: string[] } {
  let days = 0;
  const reasons: string[] = [];
  const day = crossingDay(facts);
  for (const rule of rules.countriesVisited) {
    for (const visit of facts.declaration?.countriesVisited ?? []) {
      if (!rule.countries.includes(visit.country) || daysBetween(visit.to, day) > rule.withinDays) continue;
      days = Math.max(days, rule.quarantineDays);
      if (!reasons.includes(`visited:${visit.country}`)) reasons.push(`visited:${visit.country}`);
    }
  }
  if (facts.declaration?.contactWithCase && rules.contactWithCase.quarantineDays > 0) {
    days = Math.max(days, rules.contactWithCase.quarantineDays);
    reasons.push('contact-with-case');
  }
  return { days, reasons };
}

const quarantineOrCleared = (days: number, reasons: string[]): ScreeningOutcome =>
  days > 0 ? { category: 'quarantine', days, reasons } : { category: 'cleared', reasons };

/**
 * The outcome of a screening under a policy: pure and total, so past screenings can be replayed
 * under any policy. The workflow (decider) makes sure the steps a pathway needs were taken first.
 */
export function evaluate(policy: ScreeningPolicy, facts: ScreeningFacts): Evaluation {
  const { rules } = policy;
  const { pathway, reasons } = assessPathway(rules, facts);
  const test = countedTest(rules, facts);
  const exposed = exposure(rules, facts);
  const severe = (facts.declaration?.symptoms ?? []).filter((s) => rules.symptoms.referForCare.includes(s));
  if (pathway === 'symptomatic' && severe.length > 0) {
    return { pathway, outcome: { category: 'referral-for-care', reasons: [...reasons, ...severe.map((s) => `refer-for-care:${s}`)] } };
  }
  if (test?.result === 'positive') {
    return { pathway, outcome: { category: rules.testing.positiveOutcome, reasons: [...reasons, `test-positive:${test.testType}`] } };
  }
  if (pathway === 'symptomatic') {
    if (!test) return { pathway, outcome: { category: 'isolation', reasons: [...reasons, 'symptomatic-untested'] } };
    const days = Math.max(rules.symptoms.negativeTestQuarantineDays, exposed.days);
    return { pathway, outcome: quarantineOrCleared(days, [...reasons, `test-negative:${test.testType}`, ...exposed.reasons]) };
  }
  return { pathway, outcome: asymptomatic(rules, facts, test, exposed) };
}

function asymptomatic(
  rules: ScreeningPolicyRules,
  facts: ScreeningFacts,
  test: TestRecordedData | null,
  exposed: { days: number; reasons: string[] },
): ScreeningOutcome {
  const category = rules.categoryRules.filter((rule) => rule.when.attribute === 'ageBand' && rule.when.in.includes(facts.ageBand));
  const exemptFromTesting = category.some((rule) => rule.exemptFromTesting);
  const exemptFromQuarantine = category.some((rule) => rule.exemptFromQuarantine);
  const vaccinated = isFullyVaccinated(rules.vaccination, facts);
  const { requiredFor } = rules.testing;
  const testRequired = !exemptFromTesting && (requiredFor === 'all' || (requiredFor === 'not-fully-vaccinated' && !vaccinated));
  const reasons: string[] = [vaccinated ? 'fully-vaccinated' : 'not-fully-vaccinated'];
  let days: number;
  if (testRequired && !test) {
    days = rules.testing.untestedQuarantineDays;
    reasons.push('required-test-missing');
  } else {
    days = vaccinated ? rules.vaccination.fullyVaccinatedQuarantineDays : rules.vaccination.notFullyVaccinatedQuarantineDays;
    if (test) reasons.push(`test-negative:${test.testType}`);
    else if (exemptFromTesting) reasons.push('exempt-from-testing:age');
  }
  if (exemptFromQuarantine && days > 0) {
    days = 0;
    reasons.push('exempt-from-quarantine:age');
  }
  return quarantineOrCleared(Math.max(days, exposed.days), [...reasons, ...exposed.reasons]);
}
