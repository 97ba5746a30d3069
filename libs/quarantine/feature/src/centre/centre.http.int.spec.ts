import fc from 'fast-check';
import type { EventStore, SqliteDatabase } from '@border-ledger/event-store';
import type { ProjectionRegistry } from '@border-ledger/event-store/nest';
import type { TestApp } from '@border-ledger/testing';
import { startQuarantineTestNode, type QuarantineTestNode } from '../testing/quarantine-node.test-app';

const capacity = { adults: 40, families: 10, 'isolation-rooms': 6, 'children-with-guardian': 8 };
const maeSot = { code: 'TH-TAK-MAESOT-1', name: 'Mae Sot field hospital', country: 'TH', province: 'Tak', capacity };
const none = { adults: 0, families: 0, 'isolation-rooms': 0, 'children-with-guardian': 0 };

describe('quarantine centres over HTTP', () => {
  let node: QuarantineTestNode;
  let api: TestApp;
  let store: EventStore;
  let projections: ProjectionRegistry;
  let db: SqliteDatabase;

  beforeAll(async () => {
    node = await startQuarantineTestNode();
    ({ api, store, projections, readModel: db } = node);
  });
  afterAll(() => node.close());

  const fieldsOf = (body: unknown): string[] => ((body as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);

  it('registers a centre as an event on its own stream, and reads it back with capacity, occupancy and ETag', async () => {
    const created = await api.request('POST', '/quarantine/centres', maeSot);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: maeSot.code, status: 'registered', revision: 0, replayed: false });
    expect(created.headers.get('location')).toBe('/quarantine/centres/TH-TAK-MAESOT-1');
    const [event] = await store.readStream('centre-TH-TAK-MAESOT-1');
    expect(event).toMatchObject({ type: 'quarantine.centre-registered.v1', data: maeSot });
    await projections.catchUp();
    const read = await api.request('GET', '/quarantine/centres/TH-TAK-MAESOT-1');
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ...maeSot, occupancy: none, revision: 0 });
    expect(read.headers.get('etag')).toBe('"0"');
    expect((await api.request('GET', '/quarantine/centres/TH-NOWHERE')).status).toBe(404);
    expect((await api.request('GET', '/quarantine/centres/not%20a%20code')).status).toBe(400);
  });

  it('answers an identical retry as before, and refuses a second registration of the code with 422', async () => {
    const head = await store.headPosition();
    const retried = await api.request('POST', '/quarantine/centres', maeSot);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ revision: 0, replayed: true });
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    const duplicate = await api.request('POST', '/quarantine/centres', { ...maeSot, name: 'Another name' });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body).toMatchObject({ rule: 'centre-already-registered' });
    const mismatch = await api.request('POST', '/quarantine/centres', { ...maeSot, code: 'KH-POIPET-1' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body).toMatchObject({ rule: 'centre-code-country-mismatch' });
    const empty = await api.request('POST', '/quarantine/centres', { ...maeSot, code: 'TH-EMPTY', capacity: none });
    expect(empty.body).toMatchObject({ rule: 'centre-without-capacity' });
    expect(await store.headPosition()).toBe(head);
  });

  it('lists centres from the read model, filtered by country and province', async () => {
    const other = { ...maeSot, code: 'TH-NKI-1', name: 'Nong Khai isolation ward', province: 'Nong Khai' };
    expect((await api.request('POST', '/quarantine/centres', other)).status).toBe(201);
    await projections.catchUp();
    const all = (await api.request('GET', '/quarantine/centres')).body as { items: Array<{ code: string }> };
    expect(all.items.map((c) => c.code)).toEqual(['TH-NKI-1', 'TH-TAK-MAESOT-1']);
    const tak = (await api.request('GET', '/quarantine/centres?country=TH&province=Tak')).body as { items: Array<{ code: string }> };
    expect(tak.items.map((c) => c.code)).toEqual(['TH-TAK-MAESOT-1']);
    expect((await api.request('GET', '/quarantine/centres?country=ZZ')).status).toBe(400);
  });

  it('changes the capacity under If-Match; a stale revision gets 409 and changes nothing', async () => {
    const more = { ...capacity, adults: 60 };
    const headers = { 'if-match': '0', 'idempotency-key': 'maesot-capacity-1' };
    const changed = await api.request('POST', '/quarantine/centres/TH-TAK-MAESOT-1/capacity', { capacity: more }, headers);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ revision: 1, replayed: false });
    const retried = await api.request('POST', '/quarantine/centres/TH-TAK-MAESOT-1/capacity', { capacity: more }, headers);
    expect(retried.body).toEqual({ ...(changed.body as object), replayed: true });
    const stale = await api.request('POST', '/quarantine/centres/TH-TAK-MAESOT-1/capacity', { capacity: { ...capacity, families: 2 } }, { 'if-match': '0' });
    expect(stale.status).toBe(409);
    expect(await store.streamRevision('centre-TH-TAK-MAESOT-1')).toBe(1);
    await projections.catchUp();
    const read = await api.request('GET', '/quarantine/centres/TH-TAK-MAESOT-1');
    expect(read.body).toMatchObject({ capacity: more, occupancy: none, revision: 1 });
    expect(read.headers.get('etag')).toBe('"1"');
    // The same capacity again: no new event, the current revision in the answer.
    const same = await api.request('POST', '/quarantine/centres/TH-TAK-MAESOT-1/capacity', { capacity: more }, { 'if-match': '"1"' });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ revision: 1 });
    expect(await store.streamRevision('centre-TH-TAK-MAESOT-1')).toBe(1);
    expect((await api.request('POST', '/quarantine/centres/TH-NOWHERE/capacity', { capacity })).status).toBe(404);
  });

  it('refuses each invalid field with 400 naming it', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ code: 'th-lower' }, 'code'],
      [{ code: 7 }, 'code'],
      [{ name: '' }, 'name'],
      [{ name: 'a\nb' }, 'name'],
      [{ country: 'ZZ' }, 'country'],
      [{ province: '' }, 'province'],
      [{ province: 12 }, 'province'],
      [{ capacity: 'lots' }, 'capacity'],
      [{ capacity: { ...capacity, adults: -1 } }, 'capacity.adults'],
      [{ capacity: { ...capacity, families: 1.5 } }, 'capacity.families'],
      [{ capacity: { ...capacity, 'isolation-rooms': '6' } }, 'capacity.isolation-rooms'],
      [{ capacity: { adults: 1, families: 0, 'isolation-rooms': 0 } }, 'capacity.children-with-guardian'],
    ];
    for (const [patch, field] of cases) {
      const response = await api.request('POST', '/quarantine/centres', { ...maeSot, code: 'TH-FIELDS', ...patch });
      expect({ patch, status: response.status }).toEqual({ patch, status: 400 });
      expect(fieldsOf(response.body).join(' ')).toContain(field);
    }
    const extra = await api.request('POST', '/quarantine/centres', { ...maeSot, code: 'TH-FIELDS', extra: 1 });
    expect(extra.status).toBe(400);
    const bad = await api.request('POST', '/quarantine/centres/TH-TAK-MAESOT-1/capacity', { capacity: { ...capacity, adults: -3 } });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toContain('capacity.adults');
    const ifMatch = await api.request('POST', '/quarantine/centres/TH-TAK-MAESOT-1/capacity', { capacity }, { 'if-match': 'abc' });
    expect(fieldsOf(ifMatch.body)).toEqual(['If-Match']);
    const key = await api.request('POST', '/quarantine/centres', maeSot, { 'idempotency-key': 'bad key!' });
    expect(fieldsOf(key.body)).toEqual(['Idempotency-Key']);
    expect((await api.request('GET', '/quarantine/centres/TH-FIELDS')).status).toBe(404);
  });

  it('rebuilds the centres read model from empty to the live one', async () => {
    await projections.catchUp();
    const live = db.prepare('SELECT * FROM quarantine_centres ORDER BY code').all();
    expect(live.length).toBe(2);
    db.exec('DELETE FROM quarantine_centres');
    await projections.rebuild('quarantine.centres');
    await projections.catchUp();
    expect(db.prepare('SELECT * FROM quarantine_centres ORDER BY code').all()).toEqual(live);
  });

  it('gets only 4xx for malformed bodies and headers on both POST endpoints, and stores nothing (fuzz)', async () => {
    const head = await store.headPosition();
    const junk = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 2 }));
    const placesJunk = fc.oneof(junk, fc.integer({ min: -5, max: -1 }), fc.constant(0.5), fc.constant(1e9));
    const capacityJunk = fc.oneof(
      junk,
      fc.dictionary(fc.constantFrom('adults', 'families', 'isolation-rooms', 'children-with-guardian', 'beds'), placesJunk, { minKeys: 1 }),
      fc.constant(none),
    );
    const field = fc.constantFrom('code', 'name', 'country', 'province', 'capacity', 'extra');
    // Each body gets at least one invalid field, or is another registration of a registered code
    // (an identical one would be a retry, answered 201 as before).
    const invalid = fc.constantFrom<Record<string, unknown>>(
      { code: 'th-lower' }, { country: 'ZZ' }, { capacity: none }, { province: '' }, { name: null }, { code: 'TH-TAK-MAESOT-1', name: 'A duplicate' }, { code: 'KH-X1' },
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(field, fc.oneof(junk, capacityJunk)), invalid, async (patch, bad) => {
        const status = (await api.request('POST', '/quarantine/centres', { ...maeSot, code: 'TH-FUZZ', ...patch, ...bad })).status;
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(junk, capacityJunk, fc.record({ capacity: capacityJunk })),
        fc.constantFrom('TH-TAK-MAESOT-1', 'th-x', 'TH-NOWHERE'),
        fc.constantFrom('0', 'x', undefined),
        async (body, code, ifMatch) => {
          const headers: Record<string, string> = ifMatch === undefined ? {} : { 'if-match': ifMatch };
          const status = (await api.request('POST', `/quarantine/centres/${encodeURIComponent(code)}/capacity`, body, headers)).status;
          expect(status).toBeGreaterThanOrEqual(400);
          expect(status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    for (const raw of ['{', '[]', '"text"', 'null']) {
      expect((await api.request('POST', '/quarantine/centres', raw)).status).toBe(400);
      expect((await api.request('POST', '/quarantine/centres/TH-TAK-MAESOT-1/capacity', raw)).status).toBe(400);
    }
    expect(await store.headPosition()).toBe(head);
  });
});
