/**
 * Relay and Kafka benchmark on loopback, SQLite store, against a broker started here
 * (infra/kafka/start.sh) and stopped after:
 *  - throughput: the relay service (its own process, as deployed) catching up a backlog;
 *  - latency from append to a consumer's projection (p50, p99), through the relay service
 *    (which polls the store file every 200 ms) and through an in-process relay woken by the append.
 * Run from the repo root: node -r ./infra/scripts/register.js bench/relay.bench.ts
 * Writes tmp/bench-relay.json. Takes about a minute.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openSqlite, SqliteCheckpointStore, SqliteEventStore } from '@border-ledger/event-store';
import { createKafkaClient, eventTopic, KafkajsAdmin, KafkajsPublisher, Relay, withDeadLetterTopics } from '@border-ledger/kafka';
import { killAllServices, startKafkaBroker, startService, type KafkaBrokerHandle } from '@border-ledger/testing';
import { dec, int, machineInfo, markdownTable, summarize } from './bench-utils';
import { benchEvents, nowMs, pacedAppends, ProjectionProbe, until } from './relay-bench-kit';

const BACKLOG = 30_000; // events waiting when the relay starts
const LATENCY_CASES = [
  { rate: 200, seconds: 10, perAppend: 1 },
  { rate: 2_000, seconds: 10, perAppend: 10 },
] as const;

const log = (msg: string): boolean => process.stderr.write(`${msg}\n`);

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0];
  const dir = resolve('tmp', `bench-relay-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  let broker: KafkaBrokerHandle | undefined;
  try {
    const started = Date.now();
    broker = await startKafkaBroker({ dir: join(dir, 'kafka') });
    log(`broker ${broker.brokers.join(',')} up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const context = `bench-${randomUUID().slice(0, 8)}`;
    const topic = eventTopic('TH', context);
    const type = `${context}.crossing-recorded.v1`;
    const client = createKafkaClient({ brokers: broker.brokers, clientId: 'relay-bench', log: () => undefined });
    const admin = new KafkajsAdmin(client);
    await admin.ensureTopics(withDeadLetterTopics([topic]));
    await admin.close();
    const store = new SqliteEventStore({ path: join(dir, 'node', 'events.sqlite') });
    const probe = new ProjectionProbe(client, topic, join(dir, 'consumer.sqlite'));
    await probe.start();

    // Throughput: a backlog in the store, then the relay service starts and catches up.
    for (let i = 0; i < BACKLOG / 100; i += 1) await store.append(`backlog-${i}`, benchEvents(type, 100), 'no-stream');
    const head = await store.headPosition();
    log(`backlog of ${head} events appended; starting the relay service`);
    const relayName = 'bench';
    const checkpoints = openSqlite(join(dir, 'node', 'relay.sqlite'));
    checkpoints.exec('CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL, updated_at TEXT NOT NULL)');
    const checkpoint = (): number =>
      (checkpoints.prepare('SELECT position FROM checkpoints WHERE name = ?').get(`relay:${relayName}`) as { position: number } | undefined)
        ?.position ?? 0;
    const relayProcess = startService('relay', {
      NODE_COUNTRY: 'TH', NODE_AGENCY: 'TH-IMM', DATA_DIR: join(dir, 'node'), KAFKA_BROKERS: broker.brokers.join(','), RELAY_NAME: relayName,
    });
    await until(() => checkpoint() > 0, 'the first checkpoint', 120_000, 2);
    const first = { at: nowMs(), position: checkpoint() };
    await until(() => checkpoint() === head, 'the relay to catch up', 120_000, 2);
    const relayDone = nowMs();
    await until(() => probe.projected >= head, 'the consumer to project the backlog');
    const throughput = {
      events: head - first.position,
      relaySeconds: (relayDone - first.at) / 1000,
      relayEventsPerSecond: (head - first.position) / ((relayDone - first.at) / 1000),
      consumerEventsPerSecond: (head - first.position) / ((probe.lastProjectedAt - first.at) / 1000),
    };
    log(`relay ${int(throughput.relayEventsPerSecond)} events/s`);

    // Latency through the relay service.
    const service = await relayProcess;
    const latency: Array<Record<string, unknown>> = [];
    const measure = async (relay: string): Promise<void> => {
      for (const c of LATENCY_CASES) {
        probe.latenciesMs.length = 0;
        const events = await pacedAppends(store, type, c.rate, c.seconds, c.perAppend);
        await until(() => probe.latenciesMs.length >= events, 'the consumer to project the paced events', 60_000, 20);
        latency.push({ relay, ...c, events, ...summarize(probe.latenciesMs) });
        log(`${relay}, ${c.rate} events/s: p50 ${dec(summarize(probe.latenciesMs).p50)} ms`);
      }
    };
    await measure('relay service (polls the file every 200 ms)');
    await service.stop();

    // Latency through an in-process relay sharing the store, woken by each append.
    const saved = new SqliteCheckpointStore(openSqlite(':memory:'));
    await saved.save('relay:in-process', await store.headPosition());
    const publisher = new KafkajsPublisher(client);
    const relay = new Relay({ name: 'in-process', store, checkpoints: saved, publisher });
    await relay.start();
    await measure('in-process relay (woken by the append)');
    await relay.stop();
    await publisher.close();
    await probe.stop();
    await store.close();
    checkpoints.close();

    const rows = latency.map((l) => [
      `${l['relay']}, ${int(l['rate'] as number)} events/s (${l['perAppend']}/append)`,
      int(l['events'] as number), dec(l['p50'] as number), dec(l['p99'] as number), dec(l['max'] as number),
    ]);
    process.stdout.write(
      `\n${markdownTable(['Throughput', 'Events', 'Seconds', 'Events/s'], [
        ['relay service catching up (publish + checkpoint)', int(throughput.events), dec(throughput.relaySeconds), int(throughput.relayEventsPerSecond)],
        ['…to the consumer projection', int(throughput.events), '', int(throughput.consumerEventsPerSecond)],
      ])}\n\n${markdownTable(['Latency append → projection', 'Events', 'p50 ms', 'p99 ms', 'max ms'], rows)}\n`,
    );
    const sqlite = (openSqlite(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    writeFileSync(resolve('tmp', 'bench-relay.json'), JSON.stringify({ machine: machineInfo(sqlite), loadAtStart, throughput, latency }, null, 2));
  } finally {
    await killAllServices();
    await broker?.stop();
    if (!process.env['BENCH_KEEP']) rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
