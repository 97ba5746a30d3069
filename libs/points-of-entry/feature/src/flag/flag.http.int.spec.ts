import { randomUUID } from 'node:crypto';
import type { EventStore, SqliteDatabase } from '@border-ledger/event-store';
import type { ProjectionRegistry } from '@border-ledger/event-store/nest';
import { CROSSING_RECORDED, CROSSING_VOIDED, crossingStream } from '@border-ledger/points-of-entry-domain';
import type { TestApp } from '@border-ledger/testing';
import { startSqliteTestNode, type SqliteTestNode } from '../testing/sqlite-node.test-app';
import { FlagModule } from './flag.module';

const NOTE = 'Broker Somchai holds her passport; she says she owes 30,000 baht.';
const meta = { agency: 'TH-IMM', country: 'TH', correlationId: 'seed', causationId: null };

describe('trafficking flags over HTTP', () => {
  let node: SqliteTestNode;
  let api: TestApp;
  let store: EventStore;
  let registry: ProjectionRegistry;
  let db: SqliteDatabase;

  beforeAll(async () => {
    node = await startSqliteTestNode('bl-flags-', { serviceName: 'flags-test', modules: [FlagModule] });
    ({ api, store, registry, readModel: db } = node);
  });
  afterAll(() => node.close());

  async function crossingAt(pointOfEntry = 'TH-MAESOT', voided = false): Promise<string> {
    const crossingId = randomUUID();
    const data = { crossingId, pointOfEntry, direction: 'entry', channel: 'irregular', purpose: 'work', nationality: 'MM', sex: 'female', ageBand: '18-24' };
    const events = [{ eventId: randomUUID(), type: CROSSING_RECORDED, schemaVersion: 1, data, occurredAt: '2026-11-23T15:00:00+07:00', metadata: meta }];
    if (voided) events.push({ ...events[0], eventId: randomUUID(), type: CROSSING_VOIDED, data: { crossingId, reason: 'error' } as never });
    await store.append(crossingStream(crossingId), events, 'no-stream');
    return crossingId;
  }
  const body = (crossingId: string, extra: Record<string, unknown> = {}) => ({
    subject: { kind: 'crossing', id: crossingId },
    pointOfEntry: 'TH-MAESOT',
    indicators: ['retention-of-identity-documents', 'deception'],
    observedAt: '2026-11-23T15:40:00+07:00',
    ...extra,
  });

  it('raises a flag whose event carries no note, and shows the note only on its own GET', async () => {
    const crossingId = await crossingAt();
    const created = await api.request('POST', '/flags', body(crossingId, { note: NOTE }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', severity: 'high', childProtection: false, revision: 0, replayed: false });
    const { flagId } = created.body as { flagId: string };
    expect(created.headers.get('location')).toBe(`/flags/${flagId}`);

    const [event] = await store.readStream(`flag-${flagId}`);
    expect(event.type).toBe('points-of-entry.trafficking-flag-raised.v1');
    expect(JSON.stringify(event)).not.toContain('Somchai');
    expect(event.data).toMatchObject({ indicators: ['deception', 'retention-of-identity-documents'], noteId: expect.any(String) });

    const read = await api.request('GET', `/flags/${flagId}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"0"');
    expect(read.body).toMatchObject({ flagId, status: 'open', hasNote: true, revision: 0, note: { text: NOTE } });

    await registry.catchUp();
    const list = await api.request('GET', `/flags?status=open&pointOfEntry=TH-MAESOT`);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('Somchai');
    expect((list.body as { items: Array<{ flagId: string }> }).items.map((i) => i.flagId)).toContain(flagId);
  });

  it('stores a retried raise once, with one note, and answers it the same', async () => {
    const crossingId = await crossingAt();
    const headers = { 'idempotency-key': `raise-${crossingId}` };
    const first = await api.request('POST', '/flags', body(crossingId, { note: NOTE }), headers);
    const head = await store.headPosition();
    const notes = (db.prepare('SELECT COUNT(*) AS n FROM poe_flag_notes').get() as { n: number }).n;
    const second = await api.request('POST', '/flags', body(crossingId, { note: NOTE }), headers);
    expect(second.status).toBe(201);
    expect(second.body).toEqual({ ...(first.body as object), replayed: true });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await store.headPosition()).toBe(head);
    expect((db.prepare('SELECT COUNT(*) AS n FROM poe_flag_notes').get() as { n: number }).n).toBe(notes);
  });

  it('puts a child without a guardian first, as critical child protection, and closes it only by referral', async () => {
    const detection = { kind: 'irregular-detection', id: randomUUID() };
    const child = await api.request('POST', '/flags', body('', { subject: detection, indicators: ['child-without-guardian'] }));
    expect(child.body).toMatchObject({ severity: 'critical', childProtection: true });
    const { flagId } = child.body as { flagId: string };
    await registry.catchUp();
    const critical = await api.request('GET', '/flags?status=open&severity=critical');
    expect((critical.body as { items: Array<{ flagId: string; childProtection: boolean }> }).items[0]).toMatchObject({ flagId, childProtection: true });

    const onSite = await api.request('POST', `/flags/${flagId}/close`, { reason: 'assisted-on-site' }, { 'if-match': '0' });
    expect(onSite.status).toBe(422);
    expect(onSite.body).toMatchObject({ rule: 'child-referral-mandatory' });
    const referred = await api.request('POST', `/flags/${flagId}/close`, { reason: 'referred-to-protection-services' }, { 'if-match': '0' });
    expect(referred.body).toMatchObject({ status: 'closed', revision: 1 });
  });

  it('recomputes severity when indicators are added, and answers 409 to a stale If-Match', async () => {
    const created = await api.request('POST', '/flags', body(await crossingAt(), { indicators: ['excessive-overtime'] }));
    const { flagId } = created.body as { flagId: string };
    expect(created.body).toMatchObject({ severity: 'low' });
    const added = await api.request('POST', `/flags/${flagId}/indicators`, { indicators: ['restriction-of-movement', 'isolation'] }, { 'if-match': '"0"' });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ severity: 'high', revision: 1 });
    const stale = await api.request('POST', `/flags/${flagId}/withdraw`, { reason: 'duplicate' }, { 'if-match': '0' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentRevision: 1 });
    const withdrawn = await api.request('POST', `/flags/${flagId}/withdraw`, { reason: 'duplicate' }, { 'if-match': 'W/"1"' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', revision: 2 });
    expect((await store.readStream(`flag-${flagId}`)).map((e) => e.type)).toEqual([
      'points-of-entry.trafficking-flag-raised.v1',
      'points-of-entry.trafficking-flag-indicators-added.v1',
      'points-of-entry.trafficking-flag-withdrawn.v1',
    ]);
    await registry.catchUp();
    const list = (await api.request('GET', '/flags?status=withdrawn')).body as { items: Array<Record<string, unknown>> };
    expect(list.items.find((i) => i['flagId'] === flagId)).toMatchObject({ severity: 'high', closeReason: 'duplicate', revision: 2 });
  });

  it('answers 422 for the rules that refuse a raise, 404 for an unknown flag', async () => {
    const rule = async (b: unknown) => ((await api.request('POST', '/flags', b)).body as { rule?: string }).rule;
    expect(await rule(body(randomUUID()))).toBe('crossing-not-found');
    expect(await rule(body(await crossingAt('TH-MAESOT', true)))).toBe('crossing-voided');
    expect(await rule(body(await crossingAt('TH-NONGKHAI')))).toBe('flag-point-of-entry-differs-from-crossing');
    expect(await rule(body(randomUUID(), { pointOfEntry: 'KH-POIPET' }))).toBe('point-of-entry-of-another-country');
    expect(await rule(body(await crossingAt(), { observedAt: '2099-01-01T00:00:00Z' }))).toBe('flag-observed-in-the-future');
    expect((await api.request('GET', `/flags/${randomUUID()}`)).status).toBe(404);
    expect((await api.request('GET', '/flags/not-a-uuid')).status).toBe(400);
  });

  it('lists the catalogue with codes, labels and weights', async () => {
    const catalogue = (await api.request('GET', '/flags/indicators')).body as Array<{ code: string; weight: number }>;
    expect(catalogue.find((i) => i.code === 'child-without-guardian')).toMatchObject({ weight: 5, label: expect.any(String) });
    expect(catalogue.length).toBeGreaterThanOrEqual(18);
  });

  it('rebuilds the flags read model from empty to the live one', async () => {
    await registry.catchUp();
    const live = db.prepare('SELECT * FROM poe_flags ORDER BY flag_id').all();
    expect(live.length).toBeGreaterThan(3);
    await registry.rebuild('points-of-entry.flags');
    await registry.catchUp();
    expect(db.prepare('SELECT * FROM poe_flags ORDER BY flag_id').all()).toEqual(live);
    expect((db.prepare('SELECT COUNT(*) AS n FROM poe_flag_notes').get() as { n: number }).n).toBeGreaterThan(0);
  });
});
