import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import { startTestApp, type TestApp } from '@border-ledger/testing';
import { pointsOfEntryTestModule } from '../crossing/crossing.test-module';
import { SeedReferencePointsOfEntryModule } from './point-of-entry.seed';

const crossing = {
  pointOfEntry: 'TH-ARANYAPRATHET',
  direction: 'entry',
  channel: 'border-pass',
  purpose: 'trade',
  nationality: 'KH',
  sex: 'female',
  ageBand: '25-34',
  occurredAt: '2026-11-23T08:00:00.000+07:00',
};

/** What the services and the edge node import so that crossings can be posted as soon as they listen. */
describe('SeedReferencePointsOfEntryModule', () => {
  let dir: string;
  const start = (): Promise<TestApp> =>
    startTestApp(pointsOfEntryTestModule({ dir, country: 'TH', imports: [SeedReferencePointsOfEntryModule] }));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-poe-seed-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('registers the node country points of entry before the first request, and only once across restarts', async () => {
    let api = await start();
    expect((await api.request('POST', '/crossings', crossing)).status).toBe(201);
    const store = api.app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    expect(head).toBe(5 + 1);
    await api.close();
    api = await start();
    expect(await api.app.get<EventStore>(EVENT_STORE).headPosition()).toBe(head);
    expect((await api.request('GET', '/points-of-entry/TH-MAESOT')).body).toMatchObject({ pairedWith: 'MM-MYAWADDY', revision: 0 });
    expect((await api.request('GET', '/points-of-entry/KH-POIPET')).status).toBe(404);
    await api.close();
  });
});
