import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EVENT_STORE, type EventStore, type SqliteDatabase } from '@border-ledger/event-store';
import { ProjectionRegistry, READ_MODEL_DB } from '@border-ledger/event-store/nest';
import { TRAVELLER_KEY_VAULT, type TravellerKeyVault } from '@border-ledger/identity';
import { startTestApp, type TestApp } from '@border-ledger/testing';
import { pointsOfEntryTestModule } from '../crossing/crossing.test-module';
import { registerReferencePointsOfEntry } from '../point-of-entry/point-of-entry.seed';

const base = {
  pointOfEntry: 'TH-MAESOT',
  direction: 'entry',
  channel: 'passport-visa',
  visaType: 'work',
  purpose: 'work',
  nationality: 'MM',
  sex: 'female',
  occurredAt: '2026-11-20T07:30:00.000+07:00',
};
const passport = { documentType: 'passport', documentNumber: 'MB 123-4567', name: 'Daw Aye Aye', documentExpiresOn: '2030-01-31' };
const erasure = { reason: 'data-subject-request', legalBasis: 'TH PDPA 2019 s.33', requestedBy: 'TH-IMM/dpo-17' };

describe('traveller identity over HTTP: references, sealed identity, crypto-shredding', () => {
  let dir: string;
  let api: TestApp;
  let store: EventStore;
  let vault: TravellerKeyVault;
  let projections: ProjectionRegistry;
  let travellerRef: string;
  const crossings: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-identity-'));
    api = await startTestApp(pointsOfEntryTestModule({ dir }));
    store = api.app.get(EVENT_STORE);
    vault = api.app.get(TRAVELLER_KEY_VAULT);
    projections = api.app.get(ProjectionRegistry);
    await registerReferencePointsOfEntry(api.app);
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = async (body: Record<string, unknown>): Promise<{ crossingId: string; travellerRef: string | null }> => {
    const response = await api.request('POST', '/crossings', body);
    expect(response.status).toBe(201);
    return response.body as { crossingId: string; travellerRef: string | null };
  };
  const tables = (db: SqliteDatabase, names: readonly string[]): Record<string, unknown[]> =>
    Object.fromEntries(names.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));

  it('links repeat crossings of one document, however the number is typed', async () => {
    const first = await record({ ...base, dateOfBirth: '1994-06-02', traveller: passport });
    const again = await record({
      ...base,
      direction: 'exit',
      occurredAt: '2026-11-21T17:00:00.000+07:00',
      ageBand: '25-34',
      traveller: { documentType: 'passport', documentNumber: 'mb1234567' },
    });
    const otherDocument = await record({ ...base, ageBand: '25-34', traveller: { ...passport, documentNumber: 'MB1234568' } });
    expect(first.travellerRef).toMatch(/^[0-9a-f]{64}$/);
    expect(again.travellerRef).toBe(first.travellerRef);
    expect(otherDocument.travellerRef).not.toBe(first.travellerRef);
    travellerRef = first.travellerRef!;
    crossings.push(first.crossingId, again.crossingId);
    await projections.catchUp();
    const traveller = await api.request('GET', `/travellers/${travellerRef}`);
    expect(traveller.body).toMatchObject({
      travellerRef,
      crossings: [
        { crossingId: first.crossingId, direction: 'entry', identityStatus: 'readable' },
        { crossingId: again.crossingId, direction: 'exit', identityStatus: 'readable' },
      ],
      erasures: [],
    });
  });

  it('shows the identity where the key exists, sealed in the event with its key id', async () => {
    const read = await api.request('GET', `/crossings/${crossings[0]}`);
    expect(read.body).toMatchObject({
      ageBand: '25-34',
      travellerRef,
      identityStatus: 'readable',
      identity: { documentType: 'passport', documentNumber: 'MB 123-4567', name: 'Daw Aye Aye', dateOfBirth: '1994-06-02', documentExpiresOn: '2030-01-31' },
    });
    expect(read.body).not.toHaveProperty('identity.keyId');
    const [event] = await store.readStream(`crossing-${crossings[0]}`);
    const data = event.data as { identity: { keyId: string; algorithm: string; ciphertext: string } };
    expect(data.identity).toMatchObject({ algorithm: 'AES-256-GCM', keyId: (await vault.activeKeyIds(travellerRef))[0] });
  });

  it('erases the identity: the key is destroyed, the audit event holds no personal data, crossings still read', async () => {
    const headers = { 'idempotency-key': 'erase-aye-aye-0001' };
    const erased = await api.request('POST', `/travellers/${travellerRef}/erasure`, erasure, headers);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ travellerRef, keysErased: 1, erasures: 1, revision: 0, replayed: false });
    const [audit] = await store.readStream(`traveller-${travellerRef}`);
    expect(audit.type).toBe('points-of-entry.traveller-identity-erased.v1');
    expect(audit.data).toEqual({ travellerRef, keyIds: expect.any(Array), ...erasure });
    expect(JSON.stringify(audit)).not.toMatch(/Aye|MB ?123|1994-06-02/);
    expect(await vault.activeKeyIds(travellerRef)).toEqual([]);

    const retried = await api.request('POST', `/travellers/${travellerRef}/erasure`, erasure, headers);
    expect(retried.body).toEqual({ ...(erased.body as object), replayed: true });
    expect(await store.streamRevision(`traveller-${travellerRef}`)).toBe(0);

    for (const crossingId of crossings) {
      const read = await api.request('GET', `/crossings/${crossingId}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ crossingId, travellerRef, ageBand: '25-34', identityStatus: 'erased' });
      expect(read.body).not.toHaveProperty('identity');
    }
  });

  it('refuses an erasure with nothing left to erase, and a stale If-Match with 409', async () => {
    const nothing = await api.request('POST', `/travellers/${travellerRef}/erasure`, erasure);
    expect(nothing.body).toMatchObject({ statusCode: 422, rule: 'identity-already-erased' });
    // The traveller crosses again: a new key, readable again, until the next erasure.
    const back = await record({ ...base, occurredAt: '2026-11-22T08:00:00.000+07:00', ageBand: '25-34', traveller: passport });
    expect((await api.request('GET', `/crossings/${back.crossingId}`)).body).toMatchObject({ identityStatus: 'readable' });
    const stale = await api.request('POST', `/travellers/${travellerRef}/erasure`, erasure, { 'if-match': '5' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentRevision: 0 });
    const second = await api.request('POST', `/travellers/${travellerRef}/erasure`, { ...erasure, reason: 'retention-period-ended' }, { 'if-match': '0' });
    expect(second.body).toMatchObject({ keysErased: 1, erasures: 2, revision: 1 });
    expect((await api.request('GET', `/crossings/${back.crossingId}`)).body).toMatchObject({ identityStatus: 'erased' });
  });

  it('rebuilds the traveller read model after the erasure to the live one, and it still answers', async () => {
    await projections.catchUp();
    const db = api.app.get<SqliteDatabase>(READ_MODEL_DB);
    const names = ['traveller_crossings', 'traveller_erasures', 'point_of_entry_registry'];
    const live = tables(db, names);
    expect(live['traveller_erasures']).toHaveLength(2);
    await projections.rebuild('traveller-crossings');
    await projections.rebuild('points-of-entry-registry');
    await projections.catchUp();
    expect(tables(db, names)).toEqual(live);
    const traveller = await api.request('GET', `/travellers/${travellerRef}`);
    const body = traveller.body as { crossings: Array<{ identityStatus: string }>; erasures: unknown[] };
    expect(body.crossings.map((c) => c.identityStatus)).toEqual(['erased', 'erased', 'erased']);
    expect(body.erasures).toEqual([
      expect.objectContaining({ reason: 'data-subject-request', keysErased: 1 }),
      expect.objectContaining({ reason: 'retention-period-ended', keysErased: 1 }),
    ]);
  });

  it('records a first erasure request even for a traveller with nothing held (auditable answer)', async () => {
    const unknown = 'f'.repeat(64);
    const response = await api.request('POST', `/travellers/${unknown}/erasure`, erasure);
    expect(response.body).toMatchObject({ keysErased: 0, erasures: 1 });
    expect((await api.request('GET', '/travellers/0123')).status).toBe(400);
    expect((await api.request('GET', `/travellers/${'e'.repeat(64)}`)).status).toBe(404);
  });

  it('gets only 4xx for malformed erasure requests, and stores or destroys nothing (fuzz)', async () => {
    const kept = await record({ ...base, ageBand: '35-49', traveller: { ...passport, documentNumber: 'KEEP0001' } });
    const head = await store.headPosition();
    const junk = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
    const field = fc.constantFrom('reason', 'legalBasis', 'requestedBy', 'extra');
    const invalid = fc.constantFrom<Record<string, unknown>>({ reason: 'because' }, { legalBasis: '' }, { requestedBy: 'Daw Aye Aye' }, { legalBasis: 'a\nb' });
    const ref = fc.oneof(fc.constant(kept.travellerRef!), fc.string(), fc.string({ unit: fc.constantFrom(...'0123456789abcdefA'), minLength: 63, maxLength: 65 }));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(field, junk), invalid, ref, async (patch, bad, travellerRef) => {
        const response = await api.request('POST', `/travellers/${encodeURIComponent(travellerRef || 'x')}/erasure`, { ...erasure, ...patch, ...bad });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    for (const raw of ['{', '[]', '"text"', 'null']) {
      expect((await api.request('POST', `/travellers/${kept.travellerRef}/erasure`, raw)).status).toBe(400);
    }
    expect((await api.request('POST', `/travellers/${kept.travellerRef}/erasure`, erasure, { 'if-match': 'x' })).status).toBe(400);
    expect(await store.headPosition()).toBe(head);
    expect(await vault.activeKeyIds(kept.travellerRef!)).toHaveLength(1);
  });
});
