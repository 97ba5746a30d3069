import fc from 'fast-check';
import type { EventStore } from '@border-ledger/event-store';
import type { TestApp } from '@border-ledger/testing';
import { startQuarantineTestNode, type QuarantineTestNode } from '../testing/quarantine-node.test-app';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const centre = { code: 'TH-SAKAEO-A', name: 'Sa Kaeo A', country: 'TH', province: 'Sa Kaeo', capacity: { adults: 5, families: 0, 'isolation-rooms': 0, 'children-with-guardian': 0 } };
const ID = '11111111-1111-4111-8111-111111111111';
const admit = { crossingId: ID, centre: centre.code, admittedAt: '2026-03-01T08:00:00Z', category: 'adults', measure: 'quarantine', days: 5, requiresNegativeTest: false };

/** Values no field accepts (optional fields accept no null either). */
const junk = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const notString = junk.filter((v) => typeof v !== 'string');
const badInstant = fc.oneof(notString, fc.constantFrom('', '2026-03-10', '2026-03-10T10:00:00', '10/03/2026 10:00', 'yesterday', '2026-13-01T00:00:00Z'));
const badCentre = fc.oneof(notString, fc.constantFrom('', 'th-lower', 'TH', 'TH-', 'X'.repeat(50)));
const badDay = fc.oneof(notString, fc.constantFrom('', '2026-3-1', '2026-02-30', '20260301', '2026-03-01T00:00:00Z'));
/** Header values that are not a valid idempotency key or revision. */
const badHeader = fc.string({ minLength: 1 }).filter((s) => !/^[A-Za-z0-9._:-]{8,128}$/.test(s.trim()) && !/\d/.test(s) && /^[\x20-\x7e]+$/.test(s));

/** Bodies of each POST endpoint: valid ones and, for each field, values it refuses. */
const ENDPOINTS: Array<{ path: string; valid: Record<string, unknown>; bad: Record<string, fc.Arbitrary<unknown>> }> = [
  {
    path: '/quarantine/stays',
    valid: { ...admit, crossingId: '22222222-2222-4222-8222-222222222222' },
    bad: {
      crossingId: fc.oneof(notString, fc.constantFrom('', 'not-a-uuid', `${ID}x`)), centre: badCentre, admittedAt: badInstant,
      category: fc.oneof(junk, fc.constant('dorms')), measure: fc.oneof(junk, fc.constant('curfew')),
      days: fc.oneof(junk, fc.constantFrom(0, -1, 2.5, 61)), requiresNegativeTest: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    },
  },
  {
    path: `/quarantine/stays/${ID}/daily-checks`,
    valid: { date: '2026-03-02', symptoms: [], celsius: 36.8 },
    bad: { date: badDay, symptoms: fc.oneof(junk.filter((v) => !Array.isArray(v) || v.length > 0), fc.constant(['sneezing'])), celsius: fc.oneof(notString, fc.constantFrom(29.9, 45.1, '37')) },
  },
  {
    path: `/quarantine/stays/${ID}/tests`,
    valid: { testType: 'pcr', result: 'negative', takenAt: '2026-03-05T08:00:00Z' },
    bad: { testType: fc.oneof(junk, fc.constant('lft')), result: fc.oneof(junk, fc.constant('maybe')), takenAt: badInstant },
  },
  { path: `/quarantine/stays/${ID}/release`, valid: { releasedAt: '2026-03-07T08:00:00Z' }, bad: { releasedAt: badInstant } },
  { path: `/quarantine/stays/${ID}/transfer`, valid: { to: 'TH-TAK-B', transferredAt: '2026-03-03T08:00:00Z' }, bad: { to: badCentre, transferredAt: badInstant } },
  { path: `/quarantine/stays/${ID}/abscond`, valid: { abscondedAt: '2026-03-04T08:00:00Z' }, bad: { abscondedAt: badInstant } },
];

describe('quarantine stays and occupancy: fuzz of every endpoint', () => {
  let node: QuarantineTestNode;
  let api: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    node = await startQuarantineTestNode({ clock: () => NOW });
    ({ api, store } = node);
    expect((await api.request('POST', '/quarantine/centres', centre)).status).toBe(201);
    expect((await api.request('POST', '/quarantine/stays', admit)).status).toBe(201);
    await node.settle();
  });
  afterAll(() => node.close());

  const is4xx = (what: unknown, status: number): void => {
    expect({ what, status: status >= 400 && status < 500 }).toEqual({ what, status: true });
  };
  async function expectNothingStored(run: () => Promise<void>): Promise<void> {
    const head = await store.headPosition();
    await run();
    expect(await store.headPosition()).toBe(head);
  }

  it.each(ENDPOINTS.map((e) => [e.path, e] as const))('POST %s: any invalid field, unknown field, bad header or malformed JSON gets 4xx', async (_path, endpoint) => {
    const fields = Object.keys(endpoint.bad);
    const patch = fc.oneof(
      ...fields.map((field) => fc.record({ [field]: endpoint.bad[field] })),
      fc.record({ extra: junk }),
      fc.constantFrom(...fields).map((field) => ({ [field]: undefined })),
    );
    await expectNothingStored(async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(patch, { minLength: 1, maxLength: 3 }), fc.option(badHeader, { nil: undefined }), async (patches, header) => {
          const body = JSON.parse(JSON.stringify(Object.assign({ ...endpoint.valid }, ...patches))) as Record<string, unknown>;
          const headers: Record<string, string> = header === undefined ? {} : { 'idempotency-key': header };
          is4xx({ body, header }, (await api.request('POST', endpoint.path, body, headers)).status);
        }),
        { numRuns: 60 },
      );
      for (const raw of ['{', '[]', '"text"', 'null', '12']) is4xx(raw, (await api.request('POST', endpoint.path, raw)).status);
      is4xx('if-match', (await api.request('POST', endpoint.path, endpoint.valid, { 'if-match': 'abc' })).status);
      // Exponent-notation numbers once crashed class-validator's maxDecimalPlaces into a 500 (CI, seed -1974695940).
      for (const [field, value] of Object.entries(endpoint.valid)) {
        if (typeof value === 'number') is4xx(field, (await api.request('POST', endpoint.path, { ...endpoint.valid, [field]: -3e-323 })).status);
      }
      if (endpoint.path !== '/quarantine/stays') {
        const other = endpoint.path.replace(ID, 'not-a-uuid');
        is4xx(other, (await api.request('POST', other, endpoint.valid)).status);
      }
    });
  });

  it('GET /quarantine/stays/:crossingId: a malformed or unknown id gets 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1 }), fc.uuid()), async (id) => {
        fc.pre(id !== ID);
        is4xx(id, (await api.request('GET', `/quarantine/stays/${encodeURIComponent(id)}`)).status);
      }),
      { numRuns: 60 },
    );
  });

  it('GET occupancy, expected releases and bed-days: any invalid query gets 4xx', async () => {
    const query = (params: Record<string, unknown>): string =>
      Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
    const badDayText = badDay.filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
    const badCentreText = fc.constantFrom('', 'th-lower', 'TH', 'TH-', 'X'.repeat(50), '1');
    const cases = fc.oneof(
      fc.record({ date: badDayText }).map((q) => `/quarantine/occupancy?${query(q)}`),
      fc.constant('/quarantine/occupancy'),
      badCentreText.map((centre) => `/quarantine/occupancy?${query({ date: '2026-03-05', centre })}`),
      fc.oneof(fc.string({ minLength: 1 }).filter((s) => !/^\d{1,2}$/.test(s)), fc.constantFrom('0', '61', '99', '-1', '1.5')).map((days) => `/quarantine/expected-releases?${query({ days })}`),
      fc.record({ from: badDayText, to: fc.constant('2026-03-31') }).map((q) => `/quarantine/bed-days?${query(q)}`),
      fc.record({ from: fc.constant('2026-03-01'), to: badDayText }).map((q) => `/quarantine/bed-days?${query(q)}`),
      fc.constantFrom('/quarantine/bed-days?from=2026-03-10&to=2026-03-01', '/quarantine/bed-days?from=2025-01-01&to=2026-03-01', '/quarantine/bed-days?from=2026-03-01'),
      badCentreText.map((centre) => `/quarantine/bed-days?${query({ from: '2026-03-01', to: '2026-03-31', centre })}`),
      fc.constantFrom('/quarantine/occupancy?date=2026-03-05&extra=1', '/quarantine/expected-releases?days=3&days=4'),
    );
    await fc.assert(
      fc.asyncProperty(cases, async (path) => {
        is4xx(path, (await api.request('GET', path)).status);
      }),
      { numRuns: 120 },
    );
  });
});
