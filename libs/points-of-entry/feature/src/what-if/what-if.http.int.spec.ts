import fc from 'fast-check';
import { syntheticScreenings, type ScreeningPolicyRules, type SyntheticScreening } from '@border-ledger/points-of-entry-domain';
import { SCREENING_READ_MODEL_TABLES } from '../screening/read-model/screening-outcomes.projection';
import { currentRules, junkText, policyBody, runScreenings, startScreeningTestApp, type ScreeningTestApp } from '../screening/screening.test-app';
import { currentPolicyOutcome, draftPolicyOutcome, traveller, type Expected } from './what-if.expected';

const THREE = ['TH-ARANYAPRATHET', 'TH-MAESOT', 'TH-NONGKHAI'];
const period = { from: '2026-10-01T00:00:00+07:00', to: '2026-11-01T00:00:00+07:00' };
const draftRules: ScreeningPolicyRules = {
  symptoms: { watched: ['fever', 'cough', 'sore-throat', 'shortness-of-breath', 'loss-of-taste-or-smell'], referForCare: ['shortness-of-breath'], negativeTestQuarantineDays: 2 },
  temperature: { feverAtOrAboveCelsius: 37.3 },
  testing: { requiredFor: 'all', acceptedTypes: ['pcr'], positiveOutcome: 'referral-for-care', untestedQuarantineDays: 5 },
  vaccination: {
    fullyVaccinatedDoses: 2,
    acceptedProducts: ['comirnaty', 'coronavac'],
    verifiedCertificateRequired: false,
    daysAfterLastDose: 14,
    fullyVaccinatedQuarantineDays: 1,
    notFullyVaccinatedQuarantineDays: 0,
  },
  categoryRules: [{ when: { attribute: 'ageBand', in: ['0-4', '5-11'] }, exemptFromTesting: true, exemptFromQuarantine: false }],
  countriesVisited: [{ countries: ['MM', 'LA'], withinDays: 21, quarantineDays: 7 }],
  contactWithCase: { quarantineDays: 10 },
};
const draft = { country: 'TH', rules: draftRules };

type Counts = Record<Expected['category'], number>;
const zero = (): Counts => ({ cleared: 0, quarantine: 0, isolation: 0, 'referral-for-care': 0 });

/** The report the test expects, counted from the synthetic commands with the hand-written policies. */
function expectedReport(screenings: readonly SyntheticScreening[], pointsOfEntry: readonly string[]) {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const byPoe = new Map(pointsOfEntry.map((poe) => [poe, { pointOfEntry: poe, screenings: 0, outcomes: { current: zero(), draft: zero() }, changedOutcomes: 0, referrals: { current: 0, draft: 0 }, quarantineBedDays: { current: 0, draft: 0 } }]));
  let undecided = 0;
  for (const screening of screenings) {
    const t = traveller(screening);
    const at = Date.parse(t.crossedAt);
    const figures = byPoe.get(t.pointOfEntry);
    if (!figures || at < from || at >= to) continue;
    if (!t.decided) {
      undecided += 1;
      continue;
    }
    const [now, next] = [currentPolicyOutcome(t), draftPolicyOutcome(t)];
    figures.screenings += 1;
    figures.outcomes.current[now.category] += 1;
    figures.outcomes.draft[next.category] += 1;
    if (now.category !== next.category || now.days !== next.days) figures.changedOutcomes += 1;
    figures.referrals.current += Number(now.category === 'referral-for-care');
    figures.referrals.draft += Number(next.category === 'referral-for-care');
    figures.quarantineBedDays.current += now.days;
    figures.quarantineBedDays.draft += next.days;
  }
  return { pointsOfEntry: [...byPoe.values()], undecided };
}

describe('what-if: a generated month of screenings at three points of entry under a draft policy', () => {
  let node: ScreeningTestApp;
  let screenings: SyntheticScreening[];
  beforeAll(async () => {
    node = await startScreeningTestApp();
    await node.api.request('POST', '/screening/policies', policyBody(1, '2026-01-01T00:00:00+07:00', currentRules));
    // The month with a few days either side, and a fourth post that the three-post question leaves out.
    screenings = [
      ...syntheticScreenings({ seed: 20261001, pointsOfEntry: THREE, firstDay: '2026-09-29', days: 35, perDay: [3, 6], utcOffset: '+07:00' }),
      ...syntheticScreenings({ seed: 99, pointsOfEntry: ['TH-MUKDAHAN'], firstDay: '2026-10-01', days: 31, perDay: [0, 1], utcOffset: '+07:00' }),
    ];
    await runScreenings(node, screenings);
    await node.registry.catchUp();
  }, 180_000);
  afterAll(() => node.close());

  it('reports per point of entry what an independent count of both policies gives', async () => {
    const response = await node.api.request('POST', '/screening/what-if', { draft, ...period, pointsOfEntry: THREE });
    expect(response.status).toBe(200);
    const report = response.body as { pointsOfEntry: unknown[]; undecided: number; total: { screenings: number; changedOutcomes: number } };
    const expected = expectedReport(screenings, THREE);
    expect(report.pointsOfEntry).toEqual(expected.pointsOfEntry);
    expect(report.undecided).toBe(expected.undecided);
    expect(report.total.screenings).toBe(expected.pointsOfEntry.reduce((n, p) => n + p.screenings, 0));
    // The month is big and varied enough for the comparison to mean something.
    expect(report.total.screenings).toBeGreaterThan(350);
    expect(expected.pointsOfEntry.every((p) => p.changedOutcomes > 10 && p.referrals.draft > p.referrals.current)).toBe(true);
    expect(expected.pointsOfEntry.every((p) => Object.values(p.outcomes.current).every((n) => n > 0))).toBe(true);
  });

  it('covers every point of entry of the country when none is named', async () => {
    const response = await node.api.request('POST', '/screening/what-if', { draft, ...period });
    const expected = expectedReport(screenings, [...THREE, 'TH-MUKDAHAN'].sort());
    expect((response.body as { pointsOfEntry: unknown[] }).pointsOfEntry).toEqual(expected.pointsOfEntry.filter((p) => p.screenings > 0));
  });

  it('changes nothing under the policy in force, and writes nothing: log and read model unchanged', async () => {
    const snapshot = () => SCREENING_READ_MODEL_TABLES.map((t) => node.readModel.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all());
    const head = await node.store.headPosition();
    const before = snapshot();
    const same = await node.api.request('POST', '/screening/what-if', { draft: { country: 'TH', rules: currentRules }, ...period });
    expect((same.body as { total: { changedOutcomes: number } }).total.changedOutcomes).toBe(0);
    await node.api.request('POST', '/screening/what-if', { draft, ...period });
    await node.registry.catchUp();
    expect(await node.store.headPosition()).toBe(head);
    expect(snapshot()).toEqual(before);
  });

  it('refuses a discriminating draft, another country, a foreign post (422) and a bad period (400)', async () => {
    const byNationality = { ...draftRules, categoryRules: [{ when: { attribute: 'nationality', in: ['MM'] }, exemptFromTesting: false, exemptFromQuarantine: false }] };
    const ask = (body: object) => node.api.request('POST', '/screening/what-if', { draft, ...period, ...body });
    expect((await ask({ draft: { country: 'TH', rules: byNationality } })).body).toMatchObject({ statusCode: 422, rule: 'policy-discriminates' });
    expect((await ask({ draft: { country: 'LA', rules: draftRules } })).body).toMatchObject({ rule: 'policy-of-another-country' });
    expect((await ask({ pointsOfEntry: ['TH-MAESOT', 'MM-MYAWADDY'] })).body).toMatchObject({ rule: 'point-of-entry-of-another-country' });
    expect((await ask({ to: period.from })).status).toBe(400);
    expect((await ask({ from: '2025-01-01T00:00:00+07:00' })).status).toBe(400);
    expect((await ask({ draft: { ...draft, rules: { ...draftRules, nationality: ['MM'] } } })).status).toBe(400);
  });

  it('gets only 4xx for malformed bodies and stores nothing (fuzz)', async () => {
    const head = await node.store.headPosition();
    const valid = { draft, ...period, pointsOfEntry: THREE };
    const junk = fc.oneof(junkText(), fc.integer({ max: -1 }), fc.constant(null), fc.array(junkText(), { minLength: 1, maxLength: 2 }), fc.object({ maxDepth: 1 }));
    const paths = ['draft', 'draft.country', 'draft.rules', 'draft.rules.temperature', 'draft.rules.testing.acceptedTypes', 'draft.extra', 'from', 'to', 'pointsOfEntry', 'extra'];
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...paths), junk, { minKeys: 1, maxKeys: 3 }), async (patch) => {
        type Node = Record<string, unknown>;
        const body = structuredClone(valid) as Node;
        for (const [path, value] of Object.entries(patch)) {
          const keys = path.split('.');
          const parent = keys.slice(0, -1).reduce<Node | null>((o, k) => (o && typeof o[k] === 'object' && o[k] !== null ? (o[k] as Node) : null), body);
          if (parent) parent[keys[keys.length - 1]] = value;
        }
        const response = await node.api.request('POST', '/screening/what-if', body);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
    for (const raw of ['{', '[]', '"text"', 'null']) expect((await node.api.request('POST', '/screening/what-if', raw)).status).toBe(400);
    expect(await node.store.headPosition()).toBe(head);
  });
});
