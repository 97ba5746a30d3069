import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { openSqlite } from '@border-ledger/event-store';
import { killAllServices, sharedTestIdentityProvider, startService, waitUntil, type ServiceProcess } from '@border-ledger/testing';
import { crossingBody, getJson, metricValue, postJson, randomPastDay } from './support/crossings';
import { readTopic } from './support/raw-topic';

const TOPIC = 'th.points-of-entry.events.v1';

/**
 * The first vertical slice across real processes and the real broker: crossings recorded over
 * HTTP at points-of-entry are appended to the store, published by the relay (which is SIGKILLed
 * mid-stream and restarted), consumed by the exchange, and visible there exactly once.
 */
describe('crossing → store → relay → Kafka → exchange', () => {
  const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',');
  const node = {
    NODE_COUNTRY: 'TH',
    NODE_AGENCY: 'TH-IMM',
    KAFKA_BROKERS: brokers.join(','),
    IDENTITY_HASH_KEY: randomBytes(32).toString('base64'),
  };
  const day = randomPastDay();
  let dir: string;
  let poe: ServiceProcess;
  let relay: ServiceProcess;
  let exchange: ServiceProcess;
  const relayEnv = (): Record<string, string> => ({ ...node, DATA_DIR: join(dir, 'poe'), RELAY_NAME: relayName });
  const relayName = `th-test-${randomUUID().slice(0, 8)}`;
  // Services started by startService trust the shared test identity provider.
  const idp = sharedTestIdentityProvider();
  let officer: Record<string, string>;
  let coordinator: Record<string, string>;

  beforeAll(async () => {
    officer = await idp.headers({ roles: ['border-officer'], pointsOfEntry: ['TH-ARANYAPRATHET'] });
    coordinator = await idp.headers({ sub: 'coordinator-1', roles: ['cross-border-coordinator'], pointsOfEntry: [] });
    dir = mkdtempSync(join(tmpdir(), 'bl-system-'));
    [poe, exchange] = await Promise.all([
      startService('points-of-entry', { ...node, DATA_DIR: join(dir, 'poe') }),
      startService('exchange', { ...node, DATA_DIR: join(dir, 'exchange'), EXCHANGE_GROUP_ID: `exchange-${randomUUID()}` }),
    ]);
    relay = await startService('relay', relayEnv());
  }, 120_000);

  afterAll(async () => {
    await killAllServices();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every crossing exactly once despite a relay killed mid-stream', async () => {
    const posted: string[] = [];
    const record = async (index: number): Promise<void> => {
      const body = crossingBody(index, day);
      const response = await postJson(`${poe.baseUrl}/crossings`, body, officer);
      expect(response.status).toBe(201);
      posted.push(body.crossingId);
    };

    // Phase 1: record while the relay publishes; kill it once it has published part of the stream.
    let index = 0;
    const writer = (async () => {
      while (index < 150) await Promise.all(Array.from({ length: 5 }, () => record(index++)));
    })();
    await waitUntil(async () => (await metricValue(relay.baseUrl, 'border_ledger_relay_published_total')) >= 20, 'relay to publish');
    await relay.kill();
    await writer;
    // Phase 2: the relay is down; commands keep being accepted (nothing is published in the command path).
    while (index < 200) await Promise.all(Array.from({ length: 5 }, () => record(index++)));
    relay = await startService('relay', relayEnv());
    // Phase 3: void some crossings: a second event on the same streams, order must hold per stream.
    const voided = posted.slice(0, 10);
    for (const crossingId of voided) {
      expect((await postJson(`${poe.baseUrl}/crossings/${crossingId}/void`, { reason: 'recorded twice' }, officer)).status).toBe(200);
    }

    const inReadModel = async (): Promise<Array<{ crossingId: string; voided: boolean }>> =>
      (await getJson<{ items: Array<{ crossingId: string; voided: boolean }> }>(
        `${exchange.baseUrl}/exchange/crossings?from=${day}T00:00:00Z&to=${day}T23:59:59Z&limit=500`,
        coordinator,
      )).items;
    await waitUntil(async () => {
      const items = await inReadModel();
      return items.length === posted.length && items.filter((i) => i.voided).length === voided.length;
    }, 'the exchange read model to hold every crossing', 90_000);

    const items = await inReadModel();
    const ids = items.map((i) => i.crossingId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...posted].sort());
    expect(items.filter((i) => i.voided).map((i) => i.crossingId).sort()).toEqual([...voided].sort());
    // Counts would be off if any event had been applied twice (or a void before its crossing).
    const { counts } = await getJson<{ counts: Array<{ day: string; crossings: number }> }>(
      `${exchange.baseUrl}/exchange/crossings/counts?pointOfEntry=TH-ARANYAPRATHET`,
      coordinator,
    );
    expect(counts.filter((c) => c.day === day).reduce((sum, c) => sum + c.crossings, 0)).toBe(posted.length - voided.length);

    // The wire: every event is in Kafka, keyed by stream, possibly more than once (at least once).
    const wanted = new Set(posted);
    const raw = await readTopic(brokers, TOPIC, (records) => {
      const seen = new Set(records.map((r) => (JSON.parse(r.value) as { crossingId: string }).crossingId).filter((id) => wanted.has(id)));
      return seen.size === wanted.size;
    });
    const ours = raw.filter((r) => wanted.has((JSON.parse(r.value) as { crossingId: string }).crossingId));
    for (const r of ours) expect(r.key).toBe(`crossing-${(JSON.parse(r.value) as { crossingId: string }).crossingId}`);
    const recorded = ours.filter((r) => r.headers['event-type'] === 'points-of-entry.crossing-recorded.v1');
    const distinct = new Set(recorded.map((r) => r.headers['event-id']));
    expect(distinct.size).toBe(posted.length);
    const rawDuplicates = recorded.length - distinct.size;
    const applied = await metricValue(exchange.baseUrl, 'border_ledger_consumer_processed_total', 'outcome="applied"');
    const duplicates = await metricValue(exchange.baseUrl, 'border_ledger_consumer_processed_total', 'outcome="duplicate"');
    process.stdout.write(
      `relay SIGKILL run: posted ${posted.length} crossings + ${voided.length} voids; lost 0; ` +
        `raw duplicates on the wire ${rawDuplicates}; consumer applied ${applied}, skipped duplicates ${duplicates} ` +
        `(consumer figures cover the whole topic, which a reused broker may hold more of)\n`,
    );
    // At least this run's events were applied; "never twice" is proven by the counts above.
    expect(applied).toBeGreaterThanOrEqual(posted.length + voided.length);
  }, 240_000);

  it('answers bad input with 400 per field and stores nothing', async () => {
    const db = openSqlite(join(dir, 'poe', 'events.sqlite'), { readonly: true });
    const count = (): number => (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    const before = count();
    const response = await postJson(`${poe.baseUrl}/crossings`, { ...crossingBody(1, day), sex: 'unknown-value', ageBand: 42 }, officer);
    expect(response.status).toBe(400);
    expect((response.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort()).toEqual(['ageBand', 'sex']);
    expect(count()).toBe(before);
    db.close();
  });

  it('refuses the exchange view without a token, and a border officer, recording each refusal where it happened', async () => {
    expect((await fetch(`${exchange.baseUrl}/exchange/crossings`)).status).toBe(401);
    expect((await fetch(`${exchange.baseUrl}/exchange/crossings`, { headers: officer })).status).toBe(403);
    expect((await postJson(`${poe.baseUrl}/crossings`, crossingBody(2, day, 'TH-MAESOT'), officer)).status).toBe(403);
    // The exchange writes a log of its own (agreements, answers): its audit is there. The writer's is in the node's log.
    const refusals = (file: string): number => {
      const db = openSqlite(file, { readonly: true });
      const { n } = db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'security.access-refused.v1'").get() as { n: number };
      db.close();
      return n;
    };
    expect(refusals(join(dir, 'exchange', 'exchange-events.sqlite'))).toBe(2);
    expect(refusals(join(dir, 'poe', 'events.sqlite'))).toBe(1);
  });

  it('shuts every service down gracefully on SIGTERM', async () => {
    const results = await Promise.all([relay.stop(), exchange.stop(), poe.stop()]);
    expect(results).toEqual([0, 0, 0].map(() => ({ code: 0, signal: null })));
  });
});
