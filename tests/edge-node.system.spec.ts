import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot, killAllServices, sharedTestIdentityProvider, startService, waitUntil, type ServiceProcess } from '@border-ledger/testing';
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
  const bearer: Record<string, Record<string, string>> = {};
  /** `npm run -s token -- …` as the banner says, with the node's environment (its audience comes from it). */
  const issue = async (...args: string[]): Promise<Record<string, string>> => {
    const root = findRepoRoot();
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', join(root, 'infra/scripts/register.js'), join(root, 'infra/scripts/issue-token.ts'), ...args], {
      cwd: root,
      env: { ...process.env, ...sharedTestIdentityProvider().env, ...env() },
    });
    return { authorization: `Bearer ${stdout.trim()}` };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-edge-'));
    edge = await startService('edge-node', env());
    [bearer['coordinator'], bearer['officer'], bearer['health'], bearer['admin']] = await Promise.all([
      issue('--role', 'cross-border-coordinator'),
      issue('--role', 'border-officer', '--point-of-entry', 'TH-ARANYAPRATHET'),
      issue('--role', 'port-health-officer', '--point-of-entry', 'TH-ARANYAPRATHET', '--agency', 'TH-DDC'),
      issue('--role', 'administrator'),
    ]);
  }, 90_000);
  afterAll(async () => {
    await killAllServices();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with demo crossings at Aranyaprathet, paired with Poipet, and says how to get a token', async () => {
    await waitUntil(async () => (await getJson<Listing>(`${edge.baseUrl}/exchange/crossings`, bearer['coordinator'])).total === 24, 'demo seed');
    const listing = await getJson<Listing>(`${edge.baseUrl}/exchange/crossings?pointOfEntry=TH-ARANYAPRATHET`, bearer['coordinator']);
    expect(listing.items.every((c) => c.pairedPointOfEntry === 'KH-POIPET')).toBe(true);
    expect(edge.output.join('')).toContain('is up at http://127.0.0.1');
    expect(edge.output.join('')).toContain('npm run -s token -- --role border-officer --point-of-entry TH-ARANYAPRATHET');
    expect((await fetch(`${edge.baseUrl}/exchange/crossings`)).status).toBe(401);
    expect((await fetch(`${edge.baseUrl}/exchange/crossings`, { headers: bearer['officer'] })).status).toBe(403);
  });

  it('shows a crossing recorded over HTTP in the exchange read model, without a broker', async () => {
    const body = crossingBody(7, new Date().toISOString().slice(0, 10));
    body.occurredAt = new Date(Date.now() - 60_000).toISOString();
    expect((await postJson(`${edge.baseUrl}/crossings`, body, bearer['officer'])).status).toBe(201);
    await waitUntil(
      async () => (await getJson<Listing>(`${edge.baseUrl}/exchange/crossings?limit=500`, bearer['coordinator'])).items.some((c) => c.crossingId === body.crossingId),
      'the crossing in the read model',
    );
    expect(await getJson(`${edge.baseUrl}/health/ready`)).toEqual({ status: 'ok' });
    const health = await getJson<{ checks: Record<string, unknown> }>(`${edge.baseUrl}/health/ready`, bearer['admin']);
    expect(Object.keys(health.checks).sort()).toEqual(['event-store', 'exchange-read-model', 'identity-vault', 'quarantine-admissions', 'read-models', 'referrals-process']);
  });

  it('screens a traveller under the demo policy: a child is exempt from testing and quarantine', async () => {
    const crossingId = (await getJson<Listing>(`${edge.baseUrl}/exchange/crossings?limit=1`, bearer['coordinator'])).items[0].crossingId;
    const start = await postJson(
      `${edge.baseUrl}/screenings`,
      { crossingId, pointOfEntry: 'TH-ARANYAPRATHET', ageBand: '5-11', crossedAt: new Date(Date.now() - 3_600_000).toISOString() },
      bearer['health'],
    );
    expect(start.status).toBe(201);
    const step = (path: string, body: unknown): Promise<{ status: number; body: unknown }> =>
      postJson(`${edge.baseUrl}/screenings/${crossingId}/${path}`, body, bearer['health']);
    expect((await step('health-declaration', { symptoms: [], countriesVisited: [], contactWithCase: false })).status).toBe(200);
    expect((await step('temperature', { celsius: 36.7 })).body).toMatchObject({ pathway: 'asymptomatic' });
    const outcome = await step('outcome', {});
    expect(outcome.body).toMatchObject({ status: 'decided', outcome: { category: 'cleared' }, policy: { country: 'TH', version: 1 } });
  });

  it('keeps its data across a restart and does not seed twice', async () => {
    expect(await edge.stop()).toEqual({ code: 0, signal: null });
    edge = await startService('edge-node', env());
    // Tokens it issued before the restart still hold: the signing key was generated once, in its data folder.
    await waitUntil(async () => (await getJson<Listing>(`${edge.baseUrl}/exchange/crossings`, bearer['coordinator'])).total === 25, 'read model after restart');
    expect(edge.output.join('')).toContain('0 new crossings');
  }, 90_000);
});
