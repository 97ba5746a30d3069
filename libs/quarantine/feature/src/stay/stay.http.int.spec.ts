import type { EventStore, SqliteDatabase } from '@border-ledger/event-store';
import type { ProjectionRegistry } from '@border-ledger/event-store/nest';
import type { TestApp } from '@border-ledger/testing';
import { startQuarantineTestNode, type QuarantineTestNode } from '../testing/quarantine-node.test-app';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const capacity = { adults: 5, families: 0, 'isolation-rooms': 2, 'children-with-guardian': 0 };
const centreA = { code: 'TH-SAKAEO-A', name: 'Sa Kaeo A', country: 'TH', province: 'Sa Kaeo', capacity };
const centreB = { code: 'TH-TAK-B', name: 'Tak B', country: 'TH', province: 'Tak', capacity: { ...capacity, 'isolation-rooms': 0 } };
const S1 = '11111111-1111-4111-8111-111111111111';
const S2 = '22222222-2222-4222-8222-222222222222';
const S3 = '33333333-3333-4333-8333-333333333333';
const S4 = '44444444-4444-4444-8444-444444444444';
const S5 = '55555555-5555-4555-8555-555555555555';
const adult = (crossingId: string, centre: string, admittedAt: string, days: number) =>
  ({ crossingId, centre, admittedAt, category: 'adults', measure: 'quarantine', days, requiresNegativeTest: false });

/**
 * A small March 2026 worked by hand (today: 20 March, UTC days; a stay counts from the day it
 * arrives to the day before it leaves):
 * S1 A adults 1-6 Mar (released 6th): 1,2,3,4,5 → 5 days
 * S2 A isolation 3-14 Mar (negative test, released 14th): 3..13 → 11 days
 * S3 A adults from 4 Mar, to B on 8 Mar, absconded 10 Mar: A 4,5,6,7 → 4; B 8,9 → 2
 * S4 B adults from 15 Mar, 10 days, still there: 15..20 → 6 so far; ends 25 Mar
 * S5 A adults from 19 Mar, 3 days, still there: 19,20 → 2 so far; ends 22 Mar
 */
describe('quarantine stays over HTTP', () => {
  let node: QuarantineTestNode;
  let api: TestApp;
  let store: EventStore;
  let projections: ProjectionRegistry;
  let db: SqliteDatabase;

  beforeAll(async () => {
    node = await startQuarantineTestNode({ clock: () => NOW });
    ({ api, store, projections, readModel: db } = node);
    for (const centre of [centreA, centreB]) expect((await api.request('POST', '/quarantine/centres', centre)).status).toBe(201);
  });
  afterAll(() => node.close());

  const post = async (path: string, body: unknown, status: number, headers?: Record<string, string>): Promise<Record<string, unknown>> => {
    const response = await api.request('POST', path, body, headers);
    expect({ path, status: response.status, body: response.status === status ? undefined : response.body }).toEqual({ path, status, body: undefined });
    return response.body as Record<string, unknown>;
  };
  const ruleOf = async (path: string, body: unknown): Promise<unknown> => {
    const response = await api.request('POST', path, body);
    expect(response.status).toBe(422);
    return (response.body as { rule: string }).rule;
  };

  it('admits by hand, records checks and tests, and refuses a release before the days are done or without a negative test', async () => {
    const admitted = await post('/quarantine/stays', adult(S1, centreA.code, '2026-03-01T08:00:00Z', 5), 201);
    expect(admitted).toMatchObject({ crossingId: S1, status: 'admitted', revision: 0, replayed: false });
    expect((await post('/quarantine/stays', adult(S1, centreA.code, '2026-03-01T08:00:00Z', 5), 201))['replayed']).toBe(true);
    expect(await ruleOf('/quarantine/stays', adult(S1, centreA.code, '2026-03-01T09:00:00Z', 5))).toBe('stay-already-admitted');
    expect(await ruleOf(`/quarantine/stays/${S1}/release`, { releasedAt: '2026-03-06T07:59:00Z' })).toBe('stay-days-not-completed');
    await post(`/quarantine/stays/${S1}/daily-checks`, { date: '2026-03-02', symptoms: ['cough'], celsius: 37.1 }, 200);
    expect(await ruleOf(`/quarantine/stays/${S1}/daily-checks`, { date: '2026-03-02', symptoms: [], celsius: 36.9 })).toBe('daily-check-already-recorded');
    await post(`/quarantine/stays/${S1}/release`, { releasedAt: '2026-03-06T09:00:00Z' }, 200);

    await post('/quarantine/stays', { ...adult(S2, centreA.code, '2026-03-03T10:00:00Z', 10), category: 'isolation-rooms', measure: 'isolation', requiresNegativeTest: true }, 201);
    expect(await ruleOf(`/quarantine/stays/${S2}/release`, { releasedAt: '2026-03-14T00:00:00Z' })).toBe('negative-test-required');
    await post(`/quarantine/stays/${S2}/tests`, { testType: 'pcr', result: 'negative', takenAt: '2026-03-13T08:00:00+07:00' }, 200);
    await post(`/quarantine/stays/${S2}/release`, { releasedAt: '2026-03-14T00:00:00Z' }, 200, { 'if-match': '1' });

    const read = await api.request('GET', `/quarantine/stays/${S2}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"2"');
    expect(read.body).toMatchObject({
      crossingId: S2, status: 'released', centre: centreA.code, category: 'isolation-rooms', measure: 'isolation', days: 10,
      expectedReleaseAt: '2026-03-13T10:00:00.000Z', latestTest: 'negative', releasedAt: '2026-03-14T00:00:00Z', revision: 2,
    });
    expect((await api.request('GET', '/quarantine/stays/99999999-9999-4999-8999-999999999999')).status).toBe(404);
    expect((await api.request('POST', '/quarantine/stays/99999999-9999-4999-8999-999999999999/abscond', { abscondedAt: '2026-03-10T00:00:00Z' })).status).toBe(404);
  });

  it('transfers to a centre with a free place of the category, records an absconding, and answers a stale If-Match with 409', async () => {
    await post('/quarantine/stays', adult(S3, centreA.code, '2026-03-04T06:00:00Z', 14), 201);
    expect(await ruleOf(`/quarantine/stays/${S3}/transfer`, { to: centreA.code, transferredAt: '2026-03-08T12:00:00Z' })).toBe('transfer-to-same-centre');
    expect(await ruleOf(`/quarantine/stays/${S3}/transfer`, { to: 'TH-NOWHERE', transferredAt: '2026-03-08T12:00:00Z' })).toBe('centre-not-found');
    await post(`/quarantine/stays/${S3}/transfer`, { to: centreB.code, transferredAt: '2026-03-08T12:00:00Z' }, 200);
    const head = await store.headPosition();
    expect((await api.request('POST', `/quarantine/stays/${S3}/abscond`, { abscondedAt: '2026-03-10T20:00:00Z' }, { 'if-match': '0' })).status).toBe(409);
    expect(await store.headPosition()).toBe(head);
    await post(`/quarantine/stays/${S3}/abscond`, { abscondedAt: '2026-03-10T20:00:00Z' }, 200, { 'if-match': '1' });
    expect(await ruleOf(`/quarantine/stays/${S3}/release`, { releasedAt: '2026-03-19T00:00:00Z' })).toBe('stay-not-active');
    await post('/quarantine/stays', adult(S4, centreB.code, '2026-03-15T12:00:00Z', 10), 201);
    await post('/quarantine/stays', adult(S5, centreA.code, '2026-03-19T00:00:00Z', 3), 201);
    expect(await ruleOf(`/quarantine/stays/${S5}/release`, { releasedAt: '2026-03-20T00:00:00Z' })).toBe('stay-days-not-completed');
  });

  it('shows real occupancy on the centres, and refuses a capacity below it or an admission to a full centre', async () => {
    await projections.catchUp();
    const a = await api.request('GET', `/quarantine/centres/${centreA.code}`);
    expect((a.body as { occupancy: unknown }).occupancy).toEqual({ adults: 1, families: 0, 'isolation-rooms': 0, 'children-with-guardian': 0 });
    const lowered = await api.request('POST', `/quarantine/centres/${centreB.code}/capacity`, { capacity: { ...centreB.capacity, adults: 0, families: 1 } });
    expect(lowered).toMatchObject({ status: 422, body: { rule: 'capacity-below-occupancy' } });
    await post(`/quarantine/centres/${centreB.code}/capacity`, { capacity: { ...centreB.capacity, adults: 1 } }, 200);
    const full = adult('66666666-6666-4666-8666-666666666666', centreB.code, '2026-03-20T08:00:00Z', 5);
    expect(await ruleOf('/quarantine/stays', full)).toBe('centre-full');
    expect(await ruleOf('/quarantine/stays', { ...full, centre: centreB.code, category: 'isolation-rooms' })).toBe('centre-category-not-offered');
    expect(await ruleOf('/quarantine/stays', { crossingId: full.crossingId, centre: centreA.code, admittedAt: full.admittedAt })).toBe('admission-terms-missing');
  });

  it('computes occupancy per centre per day, expected releases and bed-days as worked out by hand', async () => {
    await projections.catchUp();
    const occupancy = async (date: string, centre?: string) =>
      (await api.request('GET', `/quarantine/occupancy?date=${date}${centre ? `&centre=${centre}` : ''}`)).body;
    const of = (adults: number, iso: number) => ({ adults, families: 0, 'isolation-rooms': iso, 'children-with-guardian': 0 });
    expect(await occupancy('2026-03-05')).toEqual({ date: '2026-03-05', items: [{ centre: centreA.code, occupancy: of(2, 1), total: 3 }] });
    expect(await occupancy('2026-03-08')).toEqual({
      date: '2026-03-08',
      items: [{ centre: centreA.code, occupancy: of(0, 1), total: 1 }, { centre: centreB.code, occupancy: of(1, 0), total: 1 }],
    });
    expect(await occupancy('2026-03-10')).toEqual({ date: '2026-03-10', items: [{ centre: centreA.code, occupancy: of(0, 1), total: 1 }] });
    expect(await occupancy('2026-03-20', centreB.code)).toEqual({ date: '2026-03-20', items: [{ centre: centreB.code, occupancy: of(1, 0), total: 1 }] });

    expect((await api.request('GET', '/quarantine/expected-releases?days=7')).body).toEqual({
      from: '2026-03-20', days: 7, overdue: 0,
      items: [{ date: '2026-03-22', centre: centreA.code, count: 1 }, { date: '2026-03-25', centre: centreB.code, count: 1 }],
    });
    expect((await api.request('GET', '/quarantine/expected-releases?days=3')).body).toMatchObject({ items: [{ date: '2026-03-22', count: 1 }] });

    expect((await api.request('GET', '/quarantine/bed-days?from=2026-03-01&to=2026-03-31')).body).toEqual({
      from: '2026-03-01', to: '2026-03-31', total: 30,
      items: [{ centre: centreA.code, byCategory: of(11, 11), total: 22 }, { centre: centreB.code, byCategory: of(8, 0), total: 8 }],
    });
    expect((await api.request('GET', '/quarantine/bed-days?from=2026-03-05&to=2026-03-09')).body).toEqual({
      from: '2026-03-05', to: '2026-03-09', total: 11,
      items: [{ centre: centreA.code, byCategory: of(4, 5), total: 9 }, { centre: centreB.code, byCategory: of(2, 0), total: 2 }],
    });
    expect((await api.request('GET', `/quarantine/bed-days?from=2026-03-01&to=2026-03-31&centre=${centreB.code}`)).body).toMatchObject({ total: 8 });
  });

  it('rebuilds the stays read model from empty to the live one', async () => {
    await projections.catchUp();
    const dump = () => ({
      stays: db.prepare('SELECT * FROM quarantine_stays ORDER BY crossing_id').all(),
      segments: db.prepare('SELECT * FROM quarantine_stay_segments ORDER BY crossing_id, seq').all(),
    });
    const live = dump();
    expect(live.stays).toHaveLength(5);
    db.exec('DELETE FROM quarantine_stays; DELETE FROM quarantine_stay_segments');
    await projections.rebuild('quarantine.stays');
    await projections.catchUp();
    expect(dump()).toEqual(live);
  });

  it('counts the days from when the measure began when that was before the admission, and refuses a bad start with a field message', async () => {
    const S6 = '66666666-6666-4666-8666-666666666666';
    const late = { ...adult(S6, centreA.code, '2026-03-19T08:00:00Z', 7), countedFrom: '2026-03-17T02:00:00+07:00' };
    const head = await store.headPosition();
    for (const countedFrom of ['yesterday', '2026-03-17T02:00:00', 17, null]) {
      const response = await api.request('POST', '/quarantine/stays', { ...late, countedFrom });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('"field":"countedFrom"');
    }
    expect(await ruleOf('/quarantine/stays', { ...late, countedFrom: '2026-03-19T08:00:01Z' })).toBe('stay-counted-from-after-admission');
    expect(await store.headPosition()).toBe(head);
    await post('/quarantine/stays', late, 201);
    expect((await api.request('GET', `/quarantine/stays/${S6}`)).body).toMatchObject({
      admittedAt: late.admittedAt, countedFrom: late.countedFrom, expectedReleaseAt: '2026-03-23T19:00:00.000Z',
    });
    expect(await ruleOf(`/quarantine/stays/${S6}/release`, { releasedAt: '2026-03-20T11:00:00Z' })).toBe('stay-days-not-completed');
  });
});
