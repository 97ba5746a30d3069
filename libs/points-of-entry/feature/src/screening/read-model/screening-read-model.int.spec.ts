import fc from 'fast-check';
import { syntheticScreenings } from '@border-ledger/points-of-entry-domain';
import { policyBody, runScreenings, startScreeningTestApp, type ScreeningTestApp } from '../screening.test-app';
import { SCREENING_READ_MODEL_TABLES } from './screening-outcomes.projection';

type Row = Record<string, string | number | null>;
const key = (...parts: unknown[]): string => parts.join('|');

/** The expected read model, folded from the log by a separate, plain count. */
async function expectedFromLog(node: ScreeningTestApp): Promise<{ outcomes: Map<string, number[]>; tests: Map<string, number[]> }> {
  const events = await node.store.readAll({ after: 0, limit: 100_000 });
  const where = new Map<string, string>();
  const outcomes = new Map<string, number[]>();
  const tests = new Map<string, number[]>();
  for (const event of events) {
    const data = event.data as {
      crossingId: string;
      pointOfEntry: string;
      crossedAt: string;
      pathway: string;
      outcome: { category: string; days?: number };
      testType: string;
      result: string;
    };
    if (event.type === 'points-of-entry.screening-started.v1') where.set(data.crossingId, key(data.pointOfEntry, data.crossedAt.slice(0, 10)));
    if (event.type === 'points-of-entry.screening-outcome-decided.v1') {
      const k = key(where.get(data.crossingId), data.pathway, data.outcome.category);
      const [n, days] = outcomes.get(k) ?? [0, 0];
      outcomes.set(k, [n + 1, days + (data.outcome.days ?? 0)]);
    }
    if (event.type === 'points-of-entry.screening-test-recorded.v1') {
      const k = key(where.get(data.crossingId), data.testType);
      const [n, pos, neg, inv] = tests.get(k) ?? [0, 0, 0, 0];
      tests.set(k, [n + 1, pos + Number(data.result === 'positive'), neg + Number(data.result === 'negative'), inv + Number(data.result === 'invalid')]);
    }
  }
  return { outcomes, tests };
}

describe('screening outcomes and test positivity read model', () => {
  let node: ScreeningTestApp;
  beforeAll(async () => {
    node = await startScreeningTestApp();
    await node.api.request('POST', '/screening/policies', policyBody(1, '2026-01-01T00:00:00+07:00'));
    const screenings = syntheticScreenings({
      seed: 7,
      pointsOfEntry: ['TH-MAESOT', 'TH-ARANYAPRATHET'],
      firstDay: '2026-10-01',
      days: 10,
      perDay: [2, 5],
      utcOffset: '+07:00',
    });
    await runScreenings(node, screenings);
    await node.registry.catchUp();
  });
  afterAll(() => node.close());

  it('counts outcomes per point of entry, day, pathway and category, with bed-days', async () => {
    const { outcomes } = await expectedFromLog(node);
    const response = await node.api.request('GET', '/screening/outcomes');
    const rows = (response.body as { rows: Row[] }).rows;
    expect(rows.length).toBeGreaterThan(20);
    expect(new Map(rows.map((r) => [key(r.pointOfEntry, r.day, r.pathway, r.outcome), [r.screenings, r.quarantineDays]]))).toEqual(outcomes);
  });

  it('counts tests, positives, negatives and invalid results by test type, with positivity', async () => {
    const { tests } = await expectedFromLog(node);
    const rows = ((await node.api.request('GET', '/screening/positivity')).body as { rows: Row[] }).rows;
    expect(new Map(rows.map((r) => [key(r.pointOfEntry, r.day, r.testType), [r.tests, r.positives, r.negatives, r.invalid]]))).toEqual(tests);
    for (const row of rows) {
      const valid = (row.positives as number) + (row.negatives as number);
      expect(row.positivity).toBe(valid === 0 ? null : Math.round(((row.positives as number) / valid) * 10_000) / 10_000);
    }
  });

  it('filters by point of entry and days', async () => {
    const rows = ((await node.api.request('GET', '/screening/outcomes?pointOfEntry=TH-MAESOT&from=2026-10-03&to=2026-10-04')).body as { rows: Row[] }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.pointOfEntry))).toEqual(new Set(['TH-MAESOT']));
    expect(new Set(rows.map((r) => r.day))).toEqual(new Set(['2026-10-03', '2026-10-04']));
  });

  it('exports CSV with a header row, on ?format=csv or Accept: text/csv', async () => {
    const json = ((await node.api.request('GET', '/screening/outcomes')).body as { rows: Row[] }).rows;
    const byQuery = await node.api.request('GET', '/screening/outcomes?format=csv');
    expect(byQuery.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(byQuery.headers.get('content-disposition')).toBe('attachment; filename="screening-outcomes.csv"');
    const lines = (byQuery.body as string).split('\r\n');
    expect(lines[0]).toBe('pointOfEntry,day,pathway,outcome,screenings,quarantineDays');
    expect(lines.slice(1, -1)).toEqual(json.map((r) => [r.pointOfEntry, r.day, r.pathway, r.outcome, r.screenings, r.quarantineDays].join(',')));
    const byAccept = await node.api.request('GET', '/screening/positivity', undefined, { accept: 'text/csv' });
    expect(byAccept.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((byAccept.body as string).split('\r\n')[0]).toBe('pointOfEntry,day,testType,tests,positives,negatives,invalid,positivity');
    const asJson = await node.api.request('GET', '/screening/positivity?format=json', undefined, { accept: 'text/csv' });
    expect(asJson.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('rebuilt from an empty read model, equals the live one', async () => {
    const snapshot = () =>
      Object.fromEntries(SCREENING_READ_MODEL_TABLES.map((t) => [t, node.readModel.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all()]));
    const live = snapshot();
    expect(live['screening_outcome_counts'].length).toBeGreaterThan(20);
    await node.registry.rebuild('screening-outcomes');
    await node.registry.catchUp();
    expect(snapshot()).toEqual(live);
    const state = node.readModel.prepare("SELECT position FROM projection_state WHERE name = 'screening-outcomes'").get() as { position: number };
    expect(state.position).toBe(await node.store.headPosition());
  });

  it('answers 400 to malformed queries on both endpoints (fuzz)', async () => {
    const param = fc.constantFrom('pointOfEntry', 'from', 'to', 'format', 'limit');
    const value = fc.string({ minLength: 1 }).filter((s) => !['json', 'csv'].includes(s));
    for (const path of ['/screening/outcomes', '/screening/positivity']) {
      await fc.assert(
        fc.asyncProperty(param, value, async (name, v) => {
          const response = await node.api.request('GET', `${path}?${name}=${encodeURIComponent(v)}`);
          expect(response.status).toBe(400);
        }),
        { numRuns: 60 },
      );
      expect((await node.api.request('GET', `${path}?from=2026-10-05&to=2026-10-01`)).status).toBe(400);
      expect((await node.api.request('GET', `${path}?from=2026-10-01&from=2026-10-02`)).status).toBe(400);
    }
  });
});
