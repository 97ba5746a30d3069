import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@border-ledger/event-store';
import {
  killAllServices,
  sharedTestIdentityProvider,
  startKafkaBroker,
  startService,
  waitUntil,
  type KafkaBrokerHandle,
  type ServiceProcess,
} from '@border-ledger/testing';
import { crossingBody, metricValue, postJson, randomPastDay } from '../support/crossings';
import { printCase, startChecker } from './support/checker';
import { faultTopic, numberedEvents, SequenceWriter } from './support/sequences';
import { rawDuplicates, readWire } from './support/wire';

const CROSSINGS = 'th.points-of-entry.events.v1';
const OUTAGE_MS = 30_000;
const PADDING = 2000; // characters per bulk event: the outage leaves ~32 MB of events waiting in the store
const BULK_ROUNDS_PER_TICK = 8; // × 20 streams, 100 ticks

/** Resident set size of a process, in MiB (Linux). */
function rssMiB(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/**
 * Case b and backpressure: the broker is stopped for 30 s while crossings keep being recorded over
 * HTTP (and bulk events keep being appended to the same log). Commands must keep succeeding: the
 * command path never touches Kafka. The relay service must hold only the batch in hand (its RSS
 * is sampled), export its growing lag, and catch up once the broker is back.
 */
describe('fault b: the broker stops for 30 seconds while commands keep arriving', () => {
  const { topic: bulkTopic, type: bulkType } = faultTopic('b');
  const relayName = `fault-b-${randomUUID().slice(0, 8)}`;
  const day = randomPastDay();
  let broker: KafkaBrokerHandle;
  let dir: string;
  let store: SqliteEventStore;
  let poe: ServiceProcess;
  let relay: ServiceProcess;
  let checker: Awaited<ReturnType<typeof startChecker>>;

  beforeAll(async () => {
    broker = await startKafkaBroker(); // our own: this one is stopped
    dir = mkdtempSync(join(tmpdir(), 'bl-fault-b-'));
    const node = { NODE_COUNTRY: 'TH', NODE_AGENCY: 'TH-IMM', DATA_DIR: dir };
    poe = await startService('points-of-entry', { ...node, IDENTITY_HASH_KEY: randomBytes(32).toString('base64') });
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') }); // the same log, for bulk appends
    checker = await startChecker(broker.brokers, [CROSSINGS, bulkTopic]);
    relay = await startService('relay', { ...node, KAFKA_BROKERS: broker.brokers.join(','), RELAY_NAME: relayName });
  }, 180_000);

  afterAll(async () => {
    await killAllServices();
    await checker?.close();
    await store?.close();
    await broker?.stop();
    for (const path of [dir, broker?.dir]) if (path) rmSync(path, { recursive: true, force: true });
  }, 60_000);

  const lag = (): Promise<number> => metricValue(relay.baseUrl, 'border_ledger_relay_lag_events', `relay="${relayName}"`);
  const posted: string[] = [];
  const statuses: number[] = [];
  const officer = (): Promise<Record<string, string>> =>
    sharedTestIdentityProvider().headers({ roles: ['border-officer'], pointsOfEntry: ['TH-ARANYAPRATHET'] });
  const record = async (index: number): Promise<void> => {
    const body = crossingBody(index, day);
    const { status } = await postJson(`${poe.baseUrl}/crossings`, body, await officer());
    statuses.push(status);
    if (status === 201) posted.push(body.crossingId);
  };
  const voidOne = async (crossingId: string): Promise<void> => {
    statuses.push((await postJson(`${poe.baseUrl}/crossings/${crossingId}/void`, { reason: 'recorded twice' }, await officer())).status);
  };

  it('accepts every command, holds its memory, exports its lag, and catches up exactly once', async () => {
    const bulk = new SequenceWriter(store, bulkType, 20, PADDING);
    let index = 0;
    await Promise.all(Array.from({ length: 20 }, () => record(index++)));
    await bulk.append(5);
    const published = (): Promise<number> => metricValue(relay.baseUrl, 'border_ledger_relay_published_total');
    await waitUntil(async () => (await lag()) === 0 && (await published()) >= 120, 'the relay to catch up before the outage', 60_000);
    const rssBefore = rssMiB(relay.child.pid!);

    await broker.stop();
    const bulkBefore = bulk.appended;
    const rss: number[] = [];
    const lags: number[] = [];
    for (const started = Date.now(); Date.now() - started < OUTAGE_MS; ) {
      const tick = Date.now();
      await Promise.all([record(index++), record(index++), record(index++)]);
      if (index % 15 === 0) await voidOne(posted[index / 15]);
      await bulk.append(BULK_ROUNDS_PER_TICK);
      rss.push(rssMiB(relay.child.pid!));
      lags.push(await lag());
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 300 - (Date.now() - tick))));
    }
    // The relay reports its lag when a publish attempt fails; give a slow attempt time to fail.
    await waitUntil(async () => (lags.push(await lag()), Math.max(...lags) > 0), 'the lag metric to rise while the broker is down', 60_000).catch(() => undefined);
    const bulkBytes = (bulk.appended - bulkBefore) * PADDING;

    await broker.restart();
    await waitUntil(async () => (await lag()) === 0, 'the relay to catch up after the outage', 120_000);
    const rssAfter = rssMiB(relay.child.pid!);
    const expected = await numberedEvents(store, (t) => t === bulkType || t.startsWith('points-of-entry.'));
    await waitUntil(() => checker.log.verdict(expected).lost === 0, 'the checker to apply every event', 120_000).catch(() => undefined);
    const verdict = checker.log.verdict(expected);
    const duplicates = rawDuplicates(await readWire(broker.brokers, [CROSSINGS, bulkTopic]));
    const peak = Math.max(...rss);
    printCase(
      'b. broker down 30 s under load',
      verdict,
      duplicates,
      `${statuses.length} commands, all accepted: ${statuses.every((s) => s === 200 || s === 201)}; lag peaked at ${Math.max(...lags)}`,
    );
    process.stdout.write(
      `[faults] b. relay RSS: ${rssBefore.toFixed(1)} MiB before the outage, peak ${peak.toFixed(1)} MiB during it ` +
        `(${rss.length} samples, ${(bulkBytes / 2 ** 20).toFixed(1)} MiB of bulk events left waiting in the store), ` +
        `${rssAfter.toFixed(1)} MiB after catching up\n`,
    );

    expect(statuses.filter((status) => status !== 201 && status !== 200)).toEqual([]);
    expect(Math.max(...lags)).toBeGreaterThan(0);
    expect(verdict.lost + verdict.appliedTwice + verdict.orderViolations).toBe(0);
    const stored = await Promise.all(posted.map((id) => store.streamRevision(`crossing-${id}`)));
    expect(stored.filter((revision) => revision === null)).toEqual([]); // every accepted crossing is in the log
    // Bounded: the relay did not take the waiting events into memory.
    expect(peak - rssBefore).toBeLessThan(bulkBytes / 2 ** 20);
  }, 360_000);
});
