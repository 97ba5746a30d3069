import { AGE_BANDS, ISO_COUNTRIES } from '../reference/codes';
import { SYMPTOMS, TEST_TYPES, VACCINE_PRODUCTS } from '../screening/screening.codes';
import { CATEGORY_ATTRIBUTES, POSITIVE_TEST_OUTCOMES, TESTING_REQUIRED_FOR, type ScreeningPolicyRules } from './policy.types';

/**
 * Words that name nationality or purpose of travel. The same rules must apply to every category
 * of traveller (IHR 2005, art. 42), so a policy that refers to them anywhere, as a field or in a
 * condition, is refused. `international` does not match: only `nationalit…`, `citizen…`, `purpose`.
 */
const DISCRIMINATING = /nationalit|citizen|purpose/i;

/** Where the rules refer to nationality or purpose of travel: paths like `categoryRules[0].when.attribute`. */
export function discriminatingReferences(rules: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (DISCRIMINATING.test(value)) found.push(path);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        if (DISCRIMINATING.test(key)) found.push(childPath);
        visit(child, childPath);
      }
    }
  };
  visit(rules, '');
  return found;
}

const days = (value: unknown, max = 60): boolean => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= max;
const subset = (values: unknown, allowed: readonly string[]): boolean =>
  Array.isArray(values) && values.every((v) => allowed.includes(v as string));

/**
 * Structural problems of a rule set that the HTTP layer would also refuse: returns one message per
 * problem, empty when the rules are well formed. Keeps the domain safe for any caller.
 */
export function policyRuleProblems(rules: ScreeningPolicyRules): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string): void => void (ok || problems.push(message));
  const { symptoms, temperature, testing, vaccination, contactWithCase } = rules;
  check(subset(symptoms?.watched, SYMPTOMS), 'symptoms.watched must list known symptoms');
  check(subset(symptoms?.referForCare, SYMPTOMS), 'symptoms.referForCare must list known symptoms');
  check(days(symptoms?.negativeTestQuarantineDays), 'symptoms.negativeTestQuarantineDays must be 0-60');
  const fever = temperature?.feverAtOrAboveCelsius;
  check(typeof fever === 'number' && fever >= 36 && fever <= 40, 'temperature.feverAtOrAboveCelsius must be 36-40');
  check(TESTING_REQUIRED_FOR.includes(testing?.requiredFor), 'testing.requiredFor is not known');
  check(subset(testing?.acceptedTypes, TEST_TYPES) && testing.acceptedTypes.length > 0, 'testing.acceptedTypes must list test types');
  check(POSITIVE_TEST_OUTCOMES.includes(testing?.positiveOutcome), 'testing.positiveOutcome is not known');
  check(days(testing?.untestedQuarantineDays), 'testing.untestedQuarantineDays must be 0-60');
  check(days(vaccination?.fullyVaccinatedDoses, 10) && vaccination.fullyVaccinatedDoses > 0, 'vaccination.fullyVaccinatedDoses must be 1-10');
  check(subset(vaccination?.acceptedProducts, VACCINE_PRODUCTS), 'vaccination.acceptedProducts must list known products');
  check(typeof vaccination?.verifiedCertificateRequired === 'boolean', 'vaccination.verifiedCertificateRequired must be a boolean');
  check(days(vaccination?.daysAfterLastDose, 365), 'vaccination.daysAfterLastDose must be 0-365');
  check(days(vaccination?.fullyVaccinatedQuarantineDays), 'vaccination.fullyVaccinatedQuarantineDays must be 0-60');
  check(days(vaccination?.notFullyVaccinatedQuarantineDays), 'vaccination.notFullyVaccinatedQuarantineDays must be 0-60');
  check(days(contactWithCase?.quarantineDays), 'contactWithCase.quarantineDays must be 0-60');
  (Array.isArray(rules.categoryRules) ? rules.categoryRules : []).forEach((rule, i) => {
    check(CATEGORY_ATTRIBUTES.includes(rule.when?.attribute as never), `categoryRules[${i}].when.attribute must be one of ${CATEGORY_ATTRIBUTES.join(', ')}`);
    check(subset(rule.when?.in, AGE_BANDS), `categoryRules[${i}].when.in must list age bands`);
  });
  check(Array.isArray(rules.categoryRules), 'categoryRules must be a list');
  (Array.isArray(rules.countriesVisited) ? rules.countriesVisited : []).forEach((rule, i) => {
    check(subset(rule.countries, ISO_COUNTRIES) && rule.countries.length > 0, `countriesVisited[${i}].countries must list ISO countries`);
    check(days(rule.withinDays, 365), `countriesVisited[${i}].withinDays must be 0-365`);
    check(days(rule.quarantineDays), `countriesVisited[${i}].quarantineDays must be 0-60`);
  });
  check(Array.isArray(rules.countriesVisited), 'countriesVisited must be a list');
  return problems;
}
