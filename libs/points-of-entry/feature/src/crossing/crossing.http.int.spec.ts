import { Module } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import { EventStoreModule } from '@border-ledger/event-store/nest';
import { PlatformModule } from '@border-ledger/platform';
import { startTestApp, type TestApp } from '@border-ledger/testing';
import { PointsOfEntryModule } from '../points-of-entry.module';

const valid = {
  pointOfEntry: 'TH-ARANYAPRATHET',
  direction: 'exit',
  channel: 'border-pass',
  purpose: 'trade',
  nationality: 'KH',
  sex: 'female',
  ageBand: '25-34',
  occurredAt: '2026-11-23T08:00:00.000+07:00',
};

describe('crossings over HTTP', () => {
  let dir: string;
  let api: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-poe-'));
    @Module({
      imports: [
        PlatformModule.forRoot({ serviceName: 'points-of-entry-test' }),
        EventStoreModule.forSqlite({ path: join(dir, 'events.sqlite'), identity: { agency: 'TH-IMM', country: 'TH' } }),
        PointsOfEntryModule,
      ],
    })
    class TestModule {}
    api = await startTestApp(TestModule);
    store = api.app.get(EVENT_STORE);
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a crossing and reads it back with its envelope metadata', async () => {
    const created = await api.request('POST', '/crossings', valid, { 'x-correlation-id': 'corr-record-1' });
    expect(created.status).toBe(201);
    const { crossingId } = created.body as { crossingId: string };
    expect(created.headers.get('location')).toBe(`/crossings/${crossingId}`);
    const read = await api.request('GET', `/crossings/${crossingId}`);
    expect(read.body).toMatchObject({ ...valid, occurredAt: valid.occurredAt, status: 'recorded', revision: 0 });
    const [event] = await store.readStream(`crossing-${crossingId}`);
    expect(event.metadata).toMatchObject({ agency: 'TH-IMM', country: 'TH', correlationId: 'corr-record-1' });
    expect(event.type).toBe('points-of-entry.crossing-recorded.v1');
  });

  it('stores a retried command once and answers it the same', async () => {
    const headers = { 'idempotency-key': 'retry-key-0001' };
    const first = await api.request('POST', '/crossings', valid, headers);
    const head = await store.headPosition();
    const second = await api.request('POST', '/crossings', valid, headers);
    expect(second.status).toBe(201);
    expect(second.body).toEqual({ ...(first.body as object), replayed: true });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await store.headPosition()).toBe(head);
  });

  it('answers 400 with a message per field for bad input and stores nothing', async () => {
    const head = await store.headPosition();
    const response = await api.request('POST', '/crossings', { ...valid, direction: 'sideways', nationality: 'XX', occurredAt: 'soon' });
    expect(response.status).toBe(400);
    const fields = (response.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['direction', 'nationality', 'occurredAt']);
    expect(await store.headPosition()).toBe(head);
  });

  it('gets only 4xx for any malformed body, and stores nothing (fuzz)', async () => {
    const head = await store.headPosition();
    const field = fc.constantFrom(...Object.keys(valid), 'crossingId', 'extra');
    const junk = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(field, junk, { minKeys: 1 }), async (patch) => {
        const body = { ...valid, ...patch };
        const response = await api.request('POST', '/crossings', body);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    for (const raw of ['{', '[]', '"text"', 'null', '{"pointOfEntry":']) {
      expect((await api.request('POST', '/crossings', raw)).status).toBe(400);
    }
    expect(await store.headPosition()).toBe(head);
  });

  it('answers 422 for a rule violation and 404 for an unknown crossing', async () => {
    const poipet = await api.request('POST', '/crossings', { ...valid, pointOfEntry: 'KH-POIPET' });
    expect(poipet.status).toBe(422);
    expect(poipet.body).toMatchObject({ rule: 'point-of-entry-of-another-country' });
    expect((await api.request('GET', '/crossings/6f0b4b8e-2d1c-4a7e-9d55-0c3b1e2f4a6d')).status).toBe(404);
    expect((await api.request('GET', '/crossings/not-a-uuid')).status).toBe(400);
  });

  it('answers 409 with the current revision to a stale If-Match, never overwriting', async () => {
    const created = await api.request('POST', '/crossings', valid);
    const { crossingId } = created.body as { crossingId: string };
    const first = await api.request('POST', `/crossings/${crossingId}/void`, { reason: 'entered twice' }, { 'if-match': '0' });
    expect(first.status).toBe(200);
    const stale = await api.request('POST', `/crossings/${crossingId}/void`, { reason: 'other officer' }, { 'if-match': '0' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentRevision: 1 });
    expect((await store.readStream(`crossing-${crossingId}`)).map((e) => e.type)).toEqual([
      'points-of-entry.crossing-recorded.v1',
      'points-of-entry.crossing-voided.v1',
    ]);
  });
});
