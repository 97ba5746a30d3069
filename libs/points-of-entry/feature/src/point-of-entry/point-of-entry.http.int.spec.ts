import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EVENT_STORE, type EventStore, type SqliteDatabase } from '@border-ledger/event-store';
import { ProjectionRegistry, READ_MODEL_DB } from '@border-ledger/event-store/nest';
import { startTestApp, type TestApp } from '@border-ledger/testing';
import { pointsOfEntryTestModule } from '../crossing/crossing.test-module';
import { PointOfEntryDirectory } from './point-of-entry.directory';
import { PointOfEntryRegistryProjection } from './point-of-entry.registry.projection';
import { registerReferencePointsOfEntry } from './point-of-entry.seed';

const week = (opens: string, closes: string): Record<string, unknown> =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, { opens, closes }]));
const chongChom = {
  code: 'TH-CHONGCHOM',
  name: 'Chong Chom',
  country: 'TH',
  kind: 'land',
  pairedWith: 'KH-OSMACH',
  hours: { kind: 'weekly', days: { ...week('07:00', '20:00'), sun: null } },
};
const crossingAt = (pointOfEntry: string): Record<string, string> => ({
  pointOfEntry,
  direction: 'entry',
  channel: 'border-pass',
  purpose: 'trade',
  nationality: 'KH',
  sex: 'male',
  ageBand: '35-49',
  occurredAt: '2026-11-23T09:00:00.000+07:00',
});

describe('points of entry over HTTP', () => {
  let dir: string;
  let api: TestApp;
  let store: EventStore;
  let projections: ProjectionRegistry;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-poe-reg-'));
    api = await startTestApp(pointsOfEntryTestModule({ dir }));
    store = api.app.get(EVENT_STORE);
    projections = api.app.get(ProjectionRegistry);
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds the node country points of entry with their pairs, once however often it runs', async () => {
    const first = await registerReferencePointsOfEntry(api.app);
    expect([...first.registered].sort()).toEqual(['TH-ARANYAPRATHET', 'TH-BKK-SUVARNABHUMI', 'TH-MAESOT', 'TH-MUKDAHAN', 'TH-NONGKHAI']);
    const head = await store.headPosition();
    expect(await registerReferencePointsOfEntry(api.app)).toEqual({ registered: [], alreadyRegistered: first.registered });
    expect(await store.headPosition()).toBe(head);
    await projections.catchUp();
    const listing = await api.request('GET', '/points-of-entry?country=TH&kind=land');
    const items = (listing.body as { items: Array<{ code: string; pairedWith: string }> }).items;
    expect(items.map((i) => i.code)).toEqual(['TH-ARANYAPRATHET', 'TH-MAESOT', 'TH-MUKDAHAN', 'TH-NONGKHAI']);
    expect(items.find((i) => i.code === 'TH-ARANYAPRATHET')?.pairedWith).toBe('KH-POIPET');
  });

  it('registers a point of entry as an event on its own stream, and reads it back with its revision as ETag', async () => {
    const created = await api.request('POST', '/points-of-entry', chongChom);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'TH-CHONGCHOM', status: 'registered', revision: 0, replayed: false });
    expect(created.headers.get('location')).toBe('/points-of-entry/TH-CHONGCHOM');
    const [event] = await store.readStream('point-of-entry-TH-CHONGCHOM');
    expect(event).toMatchObject({ type: 'points-of-entry.point-of-entry-registered.v1', data: chongChom });
    const read = await api.request('GET', '/points-of-entry/TH-CHONGCHOM');
    expect(read.body).toEqual({ ...chongChom, revision: 0 });
    expect(read.headers.get('etag')).toBe('"0"');
    expect((await api.request('GET', '/points-of-entry/TH-NOWHERE')).status).toBe(404);
    expect((await api.request('GET', '/points-of-entry/not%20a%20code')).status).toBe(400);
  });

  it('stores a retried registration once, with or without an Idempotency-Key', async () => {
    const poe = { ...chongChom, code: 'TH-SADAO', name: 'Sadao', pairedWith: 'MY-BUKITKAYUHITAM' };
    const first = await api.request('POST', '/points-of-entry', poe);
    const head = await store.headPosition();
    const again = await api.request('POST', '/points-of-entry', poe);
    expect(again.body).toEqual({ ...(first.body as object), replayed: true });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const keyed = { ...poe, code: 'TH-KHLONGYAI', name: 'Khlong Yai', pairedWith: 'KH-CHAMYEAM' };
    const headers = { 'idempotency-key': 'register-khlongyai-1' };
    const k1 = await api.request('POST', '/points-of-entry', keyed, headers);
    const k2 = await api.request('POST', '/points-of-entry', keyed, headers);
    expect(k2.body).toEqual({ ...(k1.body as object), replayed: true });
    expect(await store.headPosition()).toBe(head + 1);
    // Not a retry: another body for a code already registered.
    const other = await api.request('POST', '/points-of-entry', { ...poe, name: 'Sadao (new)' });
    expect(other.body).toMatchObject({ statusCode: 422, rule: 'point-of-entry-already-registered' });
  });

  it('refuses by rule a point of entry of another country, or paired in its own country', async () => {
    const poipet = { ...chongChom, code: 'KH-POIPET', country: 'KH', pairedWith: 'TH-ARANYAPRATHET' };
    expect((await api.request('POST', '/points-of-entry', poipet)).body).toMatchObject({ rule: 'point-of-entry-of-another-country' });
    const samePair = { ...chongChom, code: 'TH-SAMEPAIR', pairedWith: 'TH-MAESOT' };
    expect((await api.request('POST', '/points-of-entry', samePair)).body).toMatchObject({ rule: 'paired-point-of-entry-in-same-country' });
    const backwards = { ...chongChom, code: 'TH-BACKWARDS', hours: { kind: 'weekly', days: week('22:00', '06:00') } };
    expect((await api.request('POST', '/points-of-entry', backwards)).body).toMatchObject({ rule: 'opening-hours-invalid' });
  });

  it('changes the hours under If-Match; a stale revision gets 409 and changes nothing', async () => {
    const headers = { 'if-match': '0', 'idempotency-key': 'chongchom-hours-1' };
    const changed = await api.request('POST', '/points-of-entry/TH-CHONGCHOM/hours', { hours: { kind: '24h' } }, headers);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ revision: 1, replayed: false });
    const retried = await api.request('POST', '/points-of-entry/TH-CHONGCHOM/hours', { hours: { kind: '24h' } }, headers);
    expect(retried.body).toEqual({ ...(changed.body as object), replayed: true });
    const stale = await api.request('POST', '/points-of-entry/TH-CHONGCHOM/hours', { hours: { kind: 'weekly', days: week('08:00', '16:00') } }, { 'if-match': '0' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentRevision: 1 });
    expect((await api.request('GET', '/points-of-entry/TH-CHONGCHOM')).body).toMatchObject({ hours: { kind: '24h' }, revision: 1 });
    // The same hours again: no new event, the current revision in the answer.
    const same = await api.request('POST', '/points-of-entry/TH-CHONGCHOM/hours', { hours: { kind: '24h' } }, { 'if-match': '1' });
    expect(same.body).toMatchObject({ revision: 1 });
    expect(await store.streamRevision('point-of-entry-TH-CHONGCHOM')).toBe(1);
    expect((await api.request('POST', '/points-of-entry/TH-NOWHERE/hours', { hours: { kind: '24h' } })).status).toBe(404);
  });

  it('checks crossings against the registry, and against the stream where the registry trails the log', async () => {
    await projections.catchUp();
    const db = api.app.get<SqliteDatabase>(READ_MODEL_DB);
    db.prepare('DELETE FROM point_of_entry_registry WHERE code = ?').run('TH-CHONGCHOM');
    expect(api.app.get(PointOfEntryRegistryProjection).find('TH-CHONGCHOM')).toBeUndefined();
    expect((await api.app.get(PointOfEntryDirectory).find('TH-CHONGCHOM'))?.country).toBe('TH');
    expect((await api.request('POST', '/crossings', crossingAt('TH-CHONGCHOM'))).status).toBe(201);
    expect((await api.request('POST', '/crossings', crossingAt('TH-NOWHERE'))).body).toMatchObject({ rule: 'unknown-point-of-entry' });
    await projections.rebuild('points-of-entry-registry');
    await projections.catchUp();
    expect(api.app.get(PointOfEntryRegistryProjection).find('TH-CHONGCHOM')).toMatchObject({ hours: { kind: '24h' }, revision: 1 });
  });

  it('rebuilds the registry from an empty read model to the live one', async () => {
    await projections.catchUp();
    const db = api.app.get<SqliteDatabase>(READ_MODEL_DB);
    const live = db.prepare('SELECT * FROM point_of_entry_registry ORDER BY code').all();
    expect(live.length).toBeGreaterThanOrEqual(7);
    await projections.rebuild('points-of-entry-registry');
    await projections.catchUp();
    expect(db.prepare('SELECT * FROM point_of_entry_registry ORDER BY code').all()).toEqual(live);
  });

  it('gets only 4xx for malformed bodies, codes and queries on every endpoint, and stores nothing (fuzz)', async () => {
    const head = await store.headPosition();
    const junk = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 2 }));
    const day = fc.oneof(junk, fc.record({ opens: fc.oneof(fc.string(), fc.constantFrom('24:00', '7:00', '06:00')), closes: fc.oneof(fc.string(), fc.integer()) }));
    const hours = fc.oneof(
      junk,
      fc.record({ kind: fc.constantFrom('24h', 'weekly', 'nightly'), days: fc.oneof(junk, fc.dictionary(fc.constantFrom('mon', 'sun', 'xyz'), day)) }),
      fc.constant({ kind: '24h', days: week('06:00', '22:00') }),
    );
    const field = fc.constantFrom('code', 'name', 'country', 'kind', 'pairedWith', 'hours', 'extra');
    const invalid = fc.constantFrom<Record<string, unknown>>({ code: 'th-lower' }, { kind: 'space' }, { hours: { kind: 'weekly' } }, { pairedWith: 7 });
    await fc.assert(
      fc.asyncProperty(fc.dictionary(field, fc.oneof(junk, hours), { minKeys: 1 }), invalid, async (patch, bad) => {
        const status = (await api.request('POST', '/points-of-entry', { ...chongChom, code: 'TH-FUZZ', ...patch, ...bad })).status;
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 120 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(hours, fc.record({ hours }), junk), fc.constantFrom('TH-CHONGCHOM', 'th-x', 'TH-NOWHERE'), async (body, code) => {
        const status = (await api.request('POST', `/points-of-entry/${encodeURIComponent(code)}/hours`, body, { 'if-match': '1' })).status;
        // Only a well-formed change of a registered post could succeed; make sure none did.
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 120 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (code, query) => {
        const get = await api.request('GET', `/points-of-entry/${encodeURIComponent(code || 'x')}`);
        expect([200, 400, 404]).toContain(get.status);
        const list = await api.request('GET', `/points-of-entry?country=${encodeURIComponent(query)}&kind=${encodeURIComponent(code)}`);
        expect(list.status === 200 || (list.status >= 400 && list.status < 500)).toBe(true);
      }),
      { numRuns: 60 },
    );
    for (const raw of ['{', '[]', '"text"', 'null']) {
      expect((await api.request('POST', '/points-of-entry', raw)).status).toBe(400);
      expect((await api.request('POST', '/points-of-entry/TH-CHONGCHOM/hours', raw)).status).toBe(400);
    }
    expect((await api.request('POST', '/points-of-entry', chongChom, { 'idempotency-key': 'bad key!' })).status).toBe(400);
    expect((await api.request('POST', '/points-of-entry/TH-CHONGCHOM/hours', { hours: { kind: '24h' } }, { 'if-match': 'abc' })).status).toBe(400);
    expect(await store.headPosition()).toBe(head);
  });
});
