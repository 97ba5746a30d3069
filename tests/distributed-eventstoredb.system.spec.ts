import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { killAllServices, sharedTestIdentityProvider, startService, waitUntil, type ServiceProcess } from '@border-ledger/testing';
import { startEmulator, type EventStoreDbEmulator } from './eventstoredb-emulator';
import { crossingBody, getJson, postJson, randomPastDay } from './support/crossings';

/**
 * The distributed composition on EventStoreDB: points-of-entry appends to EventStoreDB (here the
 * emulator of its gRPC API), the relay follows `$all` from its checkpoint and publishes to the real
 * broker, the exchange consumes into its read model.
 */
describe('distributed composition on EventStoreDB', () => {
  let emulator: EventStoreDbEmulator;
  let dir: string;
  let poe: ServiceProcess;
  let exchange: ServiceProcess;
  const day = randomPastDay();

  beforeAll(async () => {
    emulator = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), 'bl-esdb-'));
    const node = {
      NODE_COUNTRY: 'TH',
      NODE_AGENCY: 'TH-IMM',
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
      EVENTSTORE_CONNECTION_STRING: emulator.connectionString,
      IDENTITY_HASH_KEY: randomBytes(32).toString('base64'),
    };
    poe = await startService('points-of-entry', { ...node, DATA_DIR: join(dir, 'poe') });
    await startService('relay', { ...node, DATA_DIR: join(dir, 'relay'), RELAY_NAME: `th-esdb-${randomUUID().slice(0, 8)}` });
    exchange = await startService('exchange', { ...node, DATA_DIR: join(dir, 'exchange'), EXCHANGE_GROUP_ID: `exchange-${randomUUID()}` });
  }, 120_000);

  afterAll(async () => {
    await killAllServices();
    await emulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records crossings into EventStoreDB and shows them in the exchange exactly once', async () => {
    // Services started by startService trust the shared test identity provider.
    const idp = sharedTestIdentityProvider();
    const officer = await idp.headers({ roles: ['border-officer'], pointsOfEntry: ['TH-ARANYAPRATHET'] });
    const coordinator = await idp.headers({ sub: 'coordinator-1', roles: ['cross-border-coordinator'], pointsOfEntry: [] });
    const posted: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const body = crossingBody(i, day);
      expect((await postJson(`${poe.baseUrl}/crossings`, body, officer)).status).toBe(201);
      posted.push(body.crossingId);
    }
    const url = `${exchange.baseUrl}/exchange/crossings?from=${day}T00:00:00Z&to=${day}T23:59:59Z&limit=100`;
    await waitUntil(async () => (await getJson<{ total: number }>(url, coordinator)).total === posted.length, 'crossings in the exchange', 60_000);
    const { items } = await getJson<{ items: Array<{ crossingId: string }> }>(url, coordinator);
    expect(items.map((i) => i.crossingId).sort()).toEqual([...posted].sort());
    // The log is in EventStoreDB, not in a local SQLite file of the service.
    const streams = new Set(emulator.records().map((r) => r.streamId));
    for (const id of posted) expect(streams.has(`crossing-${id}`)).toBe(true);
    // The writer's audit of access joins the node's log; the exchange, a reader, keeps its own (one writer per node).
    const read = await fetch(`${poe.baseUrl}/crossings/${posted[0]}`, { headers: { ...officer, 'x-purpose-of-use': 'border-control' } });
    expect(read.status).toBe(200);
    expect((await fetch(url, { headers: officer })).status).toBe(403);
    const audit = emulator.records().filter((r) => r.streamId.startsWith('audit-'));
    expect(audit.map((r) => r.type)).toEqual(['security.access-granted.v1']);
  });
});
