import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import { startTestApp, type TestApp } from '@border-ledger/testing';
import { registerReferencePointsOfEntry } from '../point-of-entry/point-of-entry.seed';
import { pointsOfEntryTestModule } from './crossing.test-module';

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
    api = await startTestApp(pointsOfEntryTestModule({ dir }));
    store = api.app.get(EVENT_STORE);
    await registerReferencePointsOfEntry(api.app);
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
    expect(read.body).toMatchObject({ ...valid, status: 'recorded', revision: 0, identityStatus: 'none' });
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
    const fields = [...Object.keys(valid), 'crossingId', 'extra', 'dateOfBirth', 'borderPass', 'visaType', 'groupId'];
    const field = fc.constantFrom(...fields, 'guardianCrossingId', 'unaccompanied', 'traveller');
    const junk = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.object({ maxDepth: 1 }),
      fc.record({ area: fc.oneof(fc.string(), fc.integer()), validDays: fc.oneof(fc.integer(), fc.double(), fc.string()) }),
      fc.record({ documentType: fc.string(), documentNumber: fc.oneof(fc.string(), fc.integer()), name: fc.oneof(fc.string(), fc.constant(null)) }),
    );
    // A patch is malformed unless it happens to be valid: force at least one invalid field.
    const invalid = fc.constantFrom<Record<string, unknown>>(
      { direction: 'sideways' },
      { ageBand: null },
      { borderPass: { area: 'Sa Kaeo', validDays: 0 } },
      { traveller: { documentType: 'passport', documentNumber: 'x' } },
      { unaccompanied: false },
      { dateOfBirth: '1990-02-30' },
      { visaType: null },
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(field, junk, { minKeys: 1 }), invalid, async (patch, bad) => {
        const response = await api.request('POST', '/crossings', { ...valid, ...patch, ...bad });
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

  it('answers 422 for a point of entry of another country or not registered, and 404 for an unknown crossing', async () => {
    const poipet = await api.request('POST', '/crossings', { ...valid, pointOfEntry: 'KH-POIPET' });
    expect(poipet.status).toBe(422);
    expect(poipet.body).toMatchObject({ rule: 'point-of-entry-of-another-country' });
    const nowhere = await api.request('POST', '/crossings', { ...valid, pointOfEntry: 'TH-NOWHERE' });
    expect(nowhere.body).toMatchObject({ statusCode: 422, rule: 'unknown-point-of-entry' });
    expect((await api.request('GET', '/crossings/6f0b4b8e-2d1c-4a7e-9d55-0c3b1e2f4a6d')).status).toBe(404);
    expect((await api.request('GET', '/crossings/not-a-uuid')).status).toBe(400);
  });

  it('records channel details, derives the age band from a date of birth and keeps the date out of the event', async () => {
    const { ageBand: _band, ...withoutBand } = valid;
    const body = { ...withoutBand, dateOfBirth: '2008-11-24', borderPass: { area: 'Sa Kaeo', validDays: 7 }, unaccompanied: true };
    const created = await api.request('POST', '/crossings', body);
    expect(created.status).toBe(201);
    const { crossingId } = created.body as { crossingId: string };
    const read = await api.request('GET', `/crossings/${crossingId}`);
    // 17 on 23 November 2026 (the birthday is the next day): a child, stated unaccompanied.
    expect(read.body).toMatchObject({ ageBand: '12-17', borderPass: { area: 'Sa Kaeo', validDays: 7 }, unaccompanied: true });
    expect(read.body).not.toHaveProperty('dateOfBirth');
    const [event] = await store.readStream(`crossing-${crossingId}`);
    expect(JSON.stringify(event.data)).not.toContain('2008-11-24');
    const visa = await api.request('POST', '/crossings', { ...valid, channel: 'passport-visa', visaType: 'business' });
    expect(visa.status).toBe(201);
    const mismatch = await api.request('POST', '/crossings', { ...valid, channel: 'mou-work-permit', visaType: 'work' });
    expect(mismatch.body).toMatchObject({ statusCode: 422, rule: 'channel-details-do-not-match' });
  });

  it('records a family: the guardian first, then the child with the guardian crossing and the group', async () => {
    const groupId = '0f6f7c1e-2b55-4c1b-9a8e-5d0a3c2b1f00';
    const parent = await api.request('POST', '/crossings', { ...valid, purpose: 'family', groupId });
    const guardianCrossingId = (parent.body as { crossingId: string }).crossingId;
    const child = { ...valid, purpose: 'family', ageBand: '5-11', groupId, guardianCrossingId };
    const created = await api.request('POST', '/crossings', child);
    expect(created.status).toBe(201);
    const read = await api.request('GET', `/crossings/${(created.body as { crossingId: string }).crossingId}`);
    expect(read.body).toMatchObject({ groupId, guardianCrossingId });
    const alone = await api.request('POST', '/crossings', { ...valid, ageBand: '5-11' });
    expect(alone.body).toMatchObject({ statusCode: 422, rule: 'child-travel-companion-required' });
    const orphan = await api.request('POST', '/crossings', { ...child, guardianCrossingId: '6f0b4b8e-2d1c-4a7e-9d55-0c3b1e2f4a6d' });
    expect(orphan.body).toMatchObject({ statusCode: 422, rule: 'guardian-crossing-not-found' });
    const elsewhere = await api.request('POST', '/crossings', { ...child, direction: 'entry' });
    expect(elsewhere.body).toMatchObject({ statusCode: 422, rule: 'guardian-crossed-elsewhere' });
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
