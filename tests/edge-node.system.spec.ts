import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAllServices, startService, waitUntil, type ServiceProcess } from '@border-ledger/testing';
import { crossingBody, getJson, postJson } from './support/crossings';

interface Listing {
  total: number;
  items: Array<{ crossingId: string; pointOfEntry: string; pairedPointOfEntry: string }>;
}

/** The edge node as `npm start` runs it: one process, one SQLite file, no broker, demo data. */
describe('edge node', () => {
  let dir: string;
  let edge: ServiceProcess;
  const env = (): Record<string, string> => ({ DATA_DIR: dir, KAFKA_BROKERS: '', LOG_LEVEL: 'info' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-edge-'));
    edge = await startService('edge-node', env());
  }, 90_000);
  afterAll(async () => {
    await killAllServices();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with demo crossings at Aranyaprathet, paired with Poipet', async () => {
    await waitUntil(async () => (await getJson<Listing>(`${edge.baseUrl}/exchange/crossings`)).total === 24, 'demo seed');
    const listing = await getJson<Listing>(`${edge.baseUrl}/exchange/crossings?pointOfEntry=TH-ARANYAPRATHET`);
    expect(listing.items.every((c) => c.pairedPointOfEntry === 'KH-POIPET')).toBe(true);
    expect(edge.output.join('')).toContain('is up at http://127.0.0.1');
  });

  it('shows a crossing recorded over HTTP in the exchange read model, without a broker', async () => {
    const body = crossingBody(7, new Date().toISOString().slice(0, 10));
    body.occurredAt = new Date(Date.now() - 60_000).toISOString();
    expect((await postJson(`${edge.baseUrl}/crossings`, body)).status).toBe(201);
    await waitUntil(
      async () => (await getJson<Listing>(`${edge.baseUrl}/exchange/crossings?limit=500`)).items.some((c) => c.crossingId === body.crossingId),
      'the crossing in the read model',
    );
    const health = await getJson<{ checks: Record<string, unknown> }>(`${edge.baseUrl}/health/ready`);
    expect(Object.keys(health.checks).sort()).toEqual(['event-store', 'exchange-read-model', 'identity-vault', 'read-models']);
  });

  it('screens a traveller under the demo policy: a child is exempt from testing and quarantine', async () => {
    const crossingId = (await getJson<Listing>(`${edge.baseUrl}/exchange/crossings?limit=1`)).items[0].crossingId;
    const start = await postJson(`${edge.baseUrl}/screenings`, {
      crossingId,
      pointOfEntry: 'TH-ARANYAPRATHET',
      ageBand: '5-11',
      crossedAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(start.status).toBe(201);
    const step = (path: string, body: unknown): Promise<{ status: number; body: unknown }> =>
      postJson(`${edge.baseUrl}/screenings/${crossingId}/${path}`, body);
    expect((await step('health-declaration', { symptoms: [], countriesVisited: [], contactWithCase: false })).status).toBe(200);
    expect((await step('temperature', { celsius: 36.7 })).body).toMatchObject({ pathway: 'asymptomatic' });
    const outcome = await step('outcome', {});
    expect(outcome.body).toMatchObject({ status: 'decided', outcome: { category: 'cleared' }, policy: { country: 'TH', version: 1 } });
  });

  it('keeps its data across a restart and does not seed twice', async () => {
    expect(await edge.stop()).toEqual({ code: 0, signal: null });
    edge = await startService('edge-node', env());
    await waitUntil(async () => (await getJson<Listing>(`${edge.baseUrl}/exchange/crossings`)).total === 25, 'read model after restart');
    expect(edge.output.join('')).toContain('0 new crossings');
  }, 90_000);
});
