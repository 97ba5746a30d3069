import type { ScreeningCommand, ScreeningContext } from './screening.commands';
import { decideScreening, evolveScreening, initialScreeningState, type ScreeningState } from './screening.decider';
import {
  HEALTH_DECLARED,
  SCREENING_OUTCOME_DECIDED,
  SCREENING_PATHWAY_ASSIGNED,
  SCREENING_STARTED,
  SCREENING_TEST_RECORDED,
  TEMPERATURE_RECORDED,
  VACCINATION_RECORDED,
  type HealthDeclaredData,
  type ScreeningEvent,
} from './screening.events';
import { ruleOf } from '../shared/decider.spec-helpers';
import { policyV1, policyV2, withPointOfEntry } from './screening.spec-fixtures';

const crossingId = '7c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const policyRefV1 = { policyId: policyV1.policyId, country: 'TH', version: 1 };
const context: ScreeningContext = { nodeCountry: 'TH', now: new Date('2026-09-15T09:00:00Z'), policies: [policyV1] };
const startData = { crossingId, pointOfEntry: 'TH-MAESOT', ageBand: '25-34' as const, crossedAt: '2026-09-15T15:30:00+07:00' };
const start: ScreeningCommand = { kind: 'StartScreening', screening: startData };
const noSymptoms: HealthDeclaredData = { crossingId, symptoms: [], countriesVisited: [], contactWithCase: false };
const declare = (declaration: Partial<HealthDeclaredData> = {}): ScreeningCommand => ({
  kind: 'RecordHealthDeclaration',
  declaration: { ...noSymptoms, ...declaration },
});
const temperature = (celsius: number): ScreeningCommand => ({ kind: 'RecordTemperature', crossingId, celsius });
const test = (result: 'positive' | 'negative' | 'invalid', testType: 'pcr' | 'rapid-antigen' = 'rapid-antigen'): ScreeningCommand => ({
  kind: 'RecordScreeningTest',
  test: { crossingId, testType, result, laboratory: 'TH-LAB-MAESOT' },
});
const vaccinated: ScreeningCommand = {
  kind: 'RecordVaccinationCertificate',
  certificate: { crossingId, doses: 2, product: 'coronavac', doseDates: ['2026-03-01', '2026-04-01'], verified: true },
};
const decide: ScreeningCommand = { kind: 'DecideScreeningOutcome', crossingId };

/** given commands already accepted, when a command, then its events (or the rule refusing it) */
function given(commands: ScreeningCommand[], ctx: ScreeningContext = context) {
  const state = commands.reduce<ScreeningState>(
    (s, c) => decideScreening(c, s, withPointOfEntry(ctx, c)).reduce(evolveScreening, s),
    initialScreeningState,
  );
  return { state, when: (command: ScreeningCommand) => decideScreening(command, state, withPointOfEntry(ctx, command)) };
}
const outcomeOf = (events: ScreeningEvent[]) => (events[0].type === SCREENING_OUTCOME_DECIDED ? events[0].data : null);

describe('screening decider: starting', () => {
  it('starts a screening with no identity: crossing, point of entry, age band, crossing time', () => {
    expect(given([]).when(start)).toEqual([{ type: SCREENING_STARTED, data: startData }]);
  });

  it('refuses to start twice, at an unknown or foreign post, in the future, or with no policy in force', () => {
    expect(ruleOf(() => given([start]).when(start))).toBe('screening-already-started');
    const at = (patch: object): ScreeningCommand => ({ kind: 'StartScreening', screening: { ...startData, ...patch } });
    expect(ruleOf(() => given([]).when(at({ pointOfEntry: 'TH-NOWHERE' })))).toBe('unknown-point-of-entry');
    expect(ruleOf(() => given([]).when(at({ pointOfEntry: 'MM-MYAWADDY' })))).toBe('point-of-entry-of-another-country');
    expect(ruleOf(() => given([]).when(at({ pointOfEntry: 'LA-NOWHERE' })))).toBe('point-of-entry-of-another-country');
    const registered = { ...context, pointOfEntry: { code: 'TH-CHONGMEK', country: 'TH' } };
    expect(decideScreening(at({ pointOfEntry: 'TH-CHONGMEK' }), initialScreeningState, registered)).toHaveLength(1);
    expect(ruleOf(() => given([]).when(at({ crossedAt: '2026-09-15T09:06:00Z' })))).toBe('screening-in-the-future');
    expect(ruleOf(() => given([], { ...context, policies: [] }).when(start))).toBe('no-screening-policy-in-force');
    expect(ruleOf(() => given([]).when(at({ crossedAt: '2025-12-31T10:00:00+07:00' })))).toBe('no-screening-policy-in-force');
  });

  it('refuses every step before the screening starts', () => {
    for (const command of [declare(), temperature(36.6), test('negative'), vaccinated, decide]) {
      expect(ruleOf(() => given([]).when(command))).toBe('screening-not-started');
    }
  });
});

describe('screening decider: order of steps', () => {
  it('needs the health declaration before the temperature, tests, certificate and outcome', () => {
    for (const command of [temperature(36.6), test('negative'), vaccinated, decide]) {
      expect(ruleOf(() => given([start]).when(command))).toBe('health-declaration-required');
    }
  });

  it('needs the temperature (which sets the pathway) before tests, certificate and outcome', () => {
    for (const command of [test('negative'), vaccinated, decide]) {
      expect(ruleOf(() => given([start, declare()]).when(command))).toBe('temperature-required');
    }
  });

  it('records each of the declaration and the temperature once', () => {
    expect(ruleOf(() => given([start, declare()]).when(declare()))).toBe('health-already-declared');
    expect(ruleOf(() => given([start, declare(), temperature(36.6)]).when(temperature(36.7)))).toBe('temperature-already-recorded');
  });

  it('refuses every step once the outcome is decided', () => {
    const decided = [start, declare(), temperature(36.6), vaccinated, decide];
    for (const command of [declare(), temperature(36.6), test('negative'), vaccinated, decide]) {
      expect(ruleOf(() => given(decided).when(command))).toBe('screening-already-decided');
    }
  });
});

describe('screening decider: checks on the facts', () => {
  it('refuses visits whose dates are out of order or after the crossing', () => {
    const visit = (from: string, to: string) => declare({ countriesVisited: [{ country: 'MM', from, to }] });
    expect(ruleOf(() => given([start]).when(visit('2026-09-10', '2026-09-01')))).toBe('visit-dates-out-of-order');
    expect(ruleOf(() => given([start]).when(visit('2026-09-10', '2026-09-16')))).toBe('visit-after-crossing');
    expect(given([start]).when(visit('2026-09-10', '2026-09-15'))[0].type).toBe(HEALTH_DECLARED);
  });

  it('refuses an implausible temperature', () => {
    expect(ruleOf(() => given([start, declare()]).when(temperature(29.9)))).toBe('implausible-temperature');
    expect(ruleOf(() => given([start, declare()]).when(temperature(45.1)))).toBe('implausible-temperature');
  });

  it('refuses a certificate whose dates do not match, go backwards, or follow the crossing; records one only', () => {
    const onPathway = [start, declare(), temperature(36.6)];
    const cert = (doses: number, doseDates: string[]): ScreeningCommand => ({
      kind: 'RecordVaccinationCertificate',
      certificate: { crossingId, doses, product: 'comirnaty', doseDates, verified: false },
    });
    expect(ruleOf(() => given(onPathway).when(cert(2, ['2026-01-01'])))).toBe('dose-dates-do-not-match-doses');
    expect(ruleOf(() => given(onPathway).when(cert(2, ['2026-02-01', '2026-01-01'])))).toBe('dose-dates-out-of-order');
    expect(ruleOf(() => given(onPathway).when(cert(1, ['2026-09-16'])))).toBe('dose-after-crossing');
    expect(given(onPathway).when(vaccinated)[0].type).toBe(VACCINATION_RECORDED);
    expect(ruleOf(() => given([...onPathway, vaccinated]).when(vaccinated))).toBe('vaccination-certificate-already-recorded');
  });
});

describe('screening decider: pathways', () => {
  it('puts a traveller without watched symptoms or fever on the asymptomatic pathway', () => {
    const events = given([start, declare({ symptoms: ['headache'] })]).when(temperature(37.4));
    expect(events).toEqual([
      { type: TEMPERATURE_RECORDED, data: { crossingId, celsius: 37.4 } },
      { type: SCREENING_PATHWAY_ASSIGNED, data: { crossingId, pathway: 'asymptomatic', reasons: [], policy: policyRefV1 } },
    ]);
  });

  it('puts a traveller with a fever, or a watched symptom, on the symptomatic pathway', () => {
    expect(given([start, declare()]).when(temperature(37.5))[1].data).toMatchObject({ pathway: 'symptomatic', reasons: ['fever:37.5'] });
    expect(given([start, declare({ symptoms: ['cough'] })]).when(temperature(36.8))[1].data).toMatchObject({
      pathway: 'symptomatic',
      reasons: ['symptom:cough'],
    });
    expect(given([start, declare({ symptoms: ['cough'] }), temperature(36.8)]).state.status).toBe('symptomatic');
  });

  it('symptomatic: needs a valid test before an outcome; an invalid result does not count', () => {
    const symptomatic = [start, declare({ symptoms: ['cough'] }), temperature(36.8)];
    expect(ruleOf(() => given(symptomatic).when(decide))).toBe('symptomatic-pathway-requires-test');
    expect(ruleOf(() => given([...symptomatic, test('invalid')]).when(decide))).toBe('symptomatic-pathway-requires-test');
    expect(given([...symptomatic, test('invalid')]).when(test('negative'))[0].type).toBe(SCREENING_TEST_RECORDED);
    expect(outcomeOf(given([...symptomatic, test('invalid'), test('negative')]).when(decide))).toEqual({
      crossingId,
      pathway: 'symptomatic',
      outcome: { category: 'cleared', reasons: ['symptom:cough', 'test-negative:rapid-antigen'] },
      policy: policyRefV1,
    });
    expect(outcomeOf(given([...symptomatic, test('positive', 'pcr')]).when(decide))?.outcome).toEqual({
      category: 'isolation',
      reasons: ['symptom:cough', 'test-positive:pcr'],
    });
  });

  it('symptomatic with a severe symptom: referred for care without waiting for a test', () => {
    const severe = [start, declare({ symptoms: ['shortness-of-breath'] }), temperature(38.2)];
    expect(outcomeOf(given(severe).when(decide))?.outcome).toEqual({
      category: 'referral-for-care',
      reasons: ['symptom:shortness-of-breath', 'fever:38.2', 'refer-for-care:shortness-of-breath'],
    });
  });

  it('asymptomatic: cleared on vaccination status without a test, per policy', () => {
    const events = given([start, declare(), temperature(36.6), vaccinated]).when(decide);
    expect(outcomeOf(events)).toEqual({
      crossingId,
      pathway: 'asymptomatic',
      outcome: { category: 'cleared', reasons: ['fully-vaccinated'] },
      policy: policyRefV1,
    });
  });

  it('asymptomatic and not vaccinated: quarantined when untested, cleared on a negative test', () => {
    const asymptomatic = [start, declare(), temperature(36.6)];
    expect(outcomeOf(given(asymptomatic).when(decide))?.outcome).toEqual({
      category: 'quarantine',
      days: 7,
      reasons: ['not-fully-vaccinated', 'required-test-missing'],
    });
    expect(outcomeOf(given([...asymptomatic, test('negative')]).when(decide))?.outcome).toEqual({
      category: 'cleared',
      reasons: ['not-fully-vaccinated', 'test-negative:rapid-antigen'],
    });
  });

  it('decides under the policy in force at the crossing time and records its id and version', () => {
    const ctx = { ...context, now: new Date('2026-10-05T09:00:00Z'), policies: [policyV1, policyV2] };
    const steps = (crossedAt: string): ScreeningCommand[] => [
      { kind: 'StartScreening', screening: { ...startData, crossedAt } },
      declare(),
      temperature(36.6),
      vaccinated,
    ];
    const before = outcomeOf(given(steps('2026-09-30T23:00:00+07:00'), ctx).when(decide));
    const after = outcomeOf(given(steps('2026-10-02T08:00:00+07:00'), ctx).when(decide));
    expect(before).toMatchObject({ outcome: { category: 'cleared' }, policy: { version: 1, policyId: policyV1.policyId } });
    expect(after).toMatchObject({ outcome: { category: 'quarantine', days: 1 }, policy: { version: 2, policyId: policyV2.policyId } });
  });

  it('evolves through started, declared, the pathway, then decided', () => {
    const commands = [start, declare(), temperature(36.6), vaccinated, decide];
    const statuses = commands.map((_, i) => given(commands.slice(0, i + 1)).state.status);
    expect(statuses).toEqual(['started', 'declared', 'asymptomatic', 'asymptomatic', 'decided']);
    const { state } = given(commands);
    expect(state).toMatchObject({ status: 'decided', pathway: 'asymptomatic', policy: policyRefV1, facts: { temperatureCelsius: 36.6 } });
  });
});
