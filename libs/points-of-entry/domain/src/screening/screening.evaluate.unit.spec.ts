import type { ScreeningPolicy } from '../policy/policy.types';
import { evaluate, isFullyVaccinated } from './screening.evaluate';
import type { TestRecordedData, VaccinationRecordedData } from './screening.events';
import type { ScreeningFacts } from './screening.facts';
import { baseRules, policyV1 } from './screening.spec-fixtures';

const crossingId = 'c-1';
const facts = (patch: Partial<ScreeningFacts> = {}): ScreeningFacts => ({
  crossingId,
  pointOfEntry: 'TH-MAESOT',
  ageBand: '25-34',
  crossedAt: '2026-09-15T10:00:00+07:00',
  declaration: { symptoms: [], countriesVisited: [], contactWithCase: false },
  temperatureCelsius: 36.6,
  tests: [],
  vaccination: null,
  ...patch,
});
const certificate = (patch: Partial<VaccinationRecordedData> = {}): VaccinationRecordedData => ({
  crossingId,
  doses: 2,
  product: 'comirnaty',
  doseDates: ['2026-06-01', '2026-07-01'],
  verified: true,
  ...patch,
});
const test = (testType: TestRecordedData['testType'], result: TestRecordedData['result']): TestRecordedData => ({
  crossingId,
  testType,
  result,
  laboratory: 'TH-LAB-1',
});
const withRules = (patch: Partial<ScreeningPolicy['rules']>): ScreeningPolicy => ({ ...policyV1, rules: { ...baseRules, ...patch } });

describe('evaluate (policy, facts)', () => {
  it('counts a certificate only with enough doses of an accepted product, verified, and old enough', () => {
    const rules = baseRules.vaccination;
    expect(isFullyVaccinated(rules, facts({ vaccination: certificate() }))).toBe(true);
    expect(isFullyVaccinated(rules, facts({ vaccination: certificate({ doses: 1, doseDates: ['2026-07-01'] }) }))).toBe(false);
    expect(isFullyVaccinated(rules, facts({ vaccination: certificate({ product: 'covaxin' }) }))).toBe(false);
    expect(isFullyVaccinated(rules, facts({ vaccination: certificate({ verified: false }) }))).toBe(false);
    expect(isFullyVaccinated({ ...rules, verifiedCertificateRequired: false }, facts({ vaccination: certificate({ verified: false }) }))).toBe(true);
    expect(isFullyVaccinated(rules, facts({ vaccination: certificate({ doseDates: ['2026-08-01', '2026-09-02'] }) }))).toBe(false);
    expect(isFullyVaccinated(rules, facts({ vaccination: certificate({ doseDates: ['2026-08-01', '2026-09-01'] }) }))).toBe(true);
  });

  it('fully vaccinated: exempt, or one day of quarantine, as the policy says', () => {
    const vaccinated = facts({ vaccination: certificate() });
    expect(evaluate(policyV1, vaccinated).outcome).toEqual({ category: 'cleared', reasons: ['fully-vaccinated'] });
    const oneDay = withRules({ vaccination: { ...baseRules.vaccination, fullyVaccinatedQuarantineDays: 1 } });
    expect(evaluate(oneDay, vaccinated).outcome).toEqual({ category: 'quarantine', days: 1, reasons: ['fully-vaccinated'] });
  });

  it('children under 12 are exempt from testing and from quarantine for vaccination status, not from exposure', () => {
    const child = facts({ ageBand: '5-11' });
    expect(evaluate(policyV1, child).outcome).toEqual({ category: 'cleared', reasons: ['not-fully-vaccinated', 'exempt-from-testing:age'] });
    const exposed = facts({ ageBand: '5-11', declaration: { symptoms: [], countriesVisited: [], contactWithCase: true } });
    expect(evaluate(policyV1, exposed).outcome).toEqual({
      category: 'quarantine',
      days: 14,
      reasons: ['not-fully-vaccinated', 'exempt-from-testing:age', 'contact-with-case'],
    });
    const teen = facts({ ageBand: '12-17' });
    expect(evaluate(policyV1, teen).outcome).toMatchObject({ category: 'quarantine', days: 7 });
  });

  it('quarantines travellers who were in a listed country within the window, for the longest matching rule', () => {
    const visited = (country: string, to: string) =>
      facts({ vaccination: certificate(), declaration: { symptoms: [], countriesVisited: [{ country, from: '2026-08-20', to }], contactWithCase: false } });
    expect(evaluate(policyV1, visited('MM', '2026-09-01')).outcome).toEqual({ category: 'quarantine', days: 10, reasons: ['fully-vaccinated', 'visited:MM'] });
    expect(evaluate(policyV1, visited('MM', '2026-08-31')).outcome.category).toBe('cleared');
    expect(evaluate(policyV1, visited('LA', '2026-09-10')).outcome.category).toBe('cleared');
    const twoRules = withRules({ countriesVisited: [...baseRules.countriesVisited, { countries: ['MM', 'LA'], withinDays: 30, quarantineDays: 5 }] });
    expect(evaluate(twoRules, visited('MM', '2026-09-01')).outcome).toMatchObject({ days: 10 });
    expect(evaluate(twoRules, visited('LA', '2026-08-20')).outcome).toMatchObject({ days: 5 });
  });

  it('counts PCR before rapid antigen, ignores invalid results and types the policy does not accept', () => {
    const symptomatic = { declaration: { symptoms: ['cough' as const], countriesVisited: [], contactWithCase: false } };
    const mixed = facts({ ...symptomatic, tests: [test('pcr', 'negative'), test('rapid-antigen', 'positive'), test('pcr', 'invalid')] });
    expect(evaluate(policyV1, mixed).outcome).toEqual({ category: 'cleared', reasons: ['symptom:cough', 'test-negative:pcr'] });
    const pcrOnly = withRules({ testing: { ...baseRules.testing, acceptedTypes: ['pcr'] } });
    const rapid = facts({ ...symptomatic, tests: [test('rapid-antigen', 'negative')] });
    expect(evaluate(pcrOnly, rapid).outcome).toEqual({ category: 'isolation', reasons: ['symptom:cough', 'symptomatic-untested'] });
  });

  it('a positive test leads to what the policy says, on either pathway', () => {
    const positive = facts({ tests: [test('rapid-antigen', 'positive')] });
    expect(evaluate(policyV1, positive)).toEqual({
      pathway: 'asymptomatic',
      outcome: { category: 'isolation', reasons: ['test-positive:rapid-antigen'] },
    });
    const refer = withRules({ testing: { ...baseRules.testing, positiveOutcome: 'referral-for-care' } });
    expect(evaluate(refer, positive).outcome.category).toBe('referral-for-care');
  });

  it('symptomatic and negative: quarantine per symptom rules or exposure, whichever is longer', () => {
    const rules = withRules({ symptoms: { ...baseRules.symptoms, negativeTestQuarantineDays: 3 } });
    const negative = facts({ temperatureCelsius: 38, tests: [test('pcr', 'negative')] });
    expect(evaluate(rules, negative).outcome).toEqual({ category: 'quarantine', days: 3, reasons: ['fever:38', 'test-negative:pcr'] });
    const contact = facts({ temperatureCelsius: 38, tests: [test('pcr', 'negative')], declaration: { symptoms: [], countriesVisited: [], contactWithCase: true } });
    expect(evaluate(rules, contact).outcome).toMatchObject({ days: 14 });
  });

  it('testing required for all: even the vaccinated are quarantined until tested', () => {
    const all = withRules({ testing: { ...baseRules.testing, requiredFor: 'all' } });
    expect(evaluate(all, facts({ vaccination: certificate() })).outcome).toEqual({
      category: 'quarantine',
      days: 7,
      reasons: ['fully-vaccinated', 'required-test-missing'],
    });
    const symptomaticOnly = withRules({ testing: { ...baseRules.testing, requiredFor: 'symptomatic-only' } });
    expect(evaluate(symptomaticOnly, facts()).outcome).toEqual({ category: 'cleared', reasons: ['not-fully-vaccinated'] });
  });
});
