/**
 * SQLite event store benchmark: append throughput/latency (with group-commit figures) and
 * global-log read speed, on a fresh file under `tmp/bench-*` in the repo (same disk as the repo).
 * Run from the repo root: `npm run bench`. Writes `tmp/bench-event-store.json`.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openSqlite, SqliteEventStore, type ExpectedRevision, type NewEvent } from '@border-ledger/event-store';
import { newEvents, uniqueStream } from '@border-ledger/event-store/testing';
import { dec, int, machineInfo, markdownTable, msSince, probeFsync, summarize, type LatencySummary } from './bench-utils';

interface AppendCase {
  readonly name: string;
  readonly eventsPerAppend: number;
  readonly writers: number;
  /** Measured appends, split evenly across writers. */
  readonly appends: number;
  readonly warmupAppends: number;
}

/** A stream takes this many appends before its writer moves to a fresh stream (aggregate-sized streams). */
const APPENDS_PER_STREAM = 20;
/** Catch-up subscription batch size: the port's default. */
const SUBSCRIPTION_BATCH = 256;
const READ_PAGE = 1_000;

const CASES: readonly AppendCase[] = [
  { name: '1 event/append, 1 writer', eventsPerAppend: 1, writers: 1, appends: 2_000, warmupAppends: 200 },
  { name: '1 event/append, 8 writers', eventsPerAppend: 1, writers: 8, appends: 2_000, warmupAppends: 200 },
  { name: '100 events/append, 1 writer', eventsPerAppend: 100, writers: 1, appends: 200, warmupAppends: 20 },
  { name: '100 events/append, 8 writers', eventsPerAppend: 100, writers: 8, appends: 200, warmupAppends: 24 },
];

/** One writer: appends its batches in order to its own streams, always with the exact expected revision. */
async function runWriter(store: SqliteEventStore, batches: readonly NewEvent[][], latenciesMs: number[]): Promise<void> {
  let streamId = '';
  let expected: ExpectedRevision = 'no-stream';
  for (let i = 0; i < batches.length; i += 1) {
    if (i % APPENDS_PER_STREAM === 0) {
      streamId = uniqueStream('bench');
      expected = 'no-stream';
    }
    const start = process.hrtime.bigint();
    const result = await store.append(streamId, batches[i], expected);
    latenciesMs.push(msSince(start));
    expected = result.nextExpectedRevision;
  }
}

/** Runs `appends` appends across the case's writers; events are generated up front, outside the timing. */
async function runAppends(store: SqliteEventStore, c: AppendCase, appends: number) {
  const perWriter = Math.ceil(appends / c.writers);
  const work = Array.from({ length: c.writers }, () =>
    Array.from({ length: perWriter }, () => newEvents(c.eventsPerAppend)),
  );
  const latenciesMs: number[] = [];
  const before = store.stats();
  const start = process.hrtime.bigint();
  await Promise.all(work.map((batches) => runWriter(store, batches, latenciesMs)));
  const seconds = msSince(start) / 1000;
  const after = store.stats();
  return { latenciesMs, seconds, commits: after.commits - before.commits, appends: after.appends - before.appends };
}

interface AppendFigures {
  readonly case: string;
  readonly eventsPerAppend: number;
  readonly writers: number;
  readonly appends: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly appendsPerSecond: number;
  readonly latencyMs: LatencySummary;
  readonly commits: number;
  readonly appendsPerCommit: number;
}

async function benchAppend(store: SqliteEventStore, c: AppendCase): Promise<AppendFigures> {
  await runAppends(store, c, c.warmupAppends);
  const run = await runAppends(store, c, c.appends);
  const appends = run.latenciesMs.length;
  return {
    case: c.name,
    eventsPerAppend: c.eventsPerAppend,
    writers: c.writers,
    appends,
    events: appends * c.eventsPerAppend,
    seconds: run.seconds,
    eventsPerSecond: (appends * c.eventsPerAppend) / run.seconds,
    appendsPerSecond: appends / run.seconds,
    latencyMs: summarize(run.latenciesMs),
    commits: run.commits,
    appendsPerCommit: run.appends / run.commits,
  };
}

interface ReadFigures {
  readonly read: string;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

async function benchReadAll(store: SqliteEventStore): Promise<ReadFigures> {
  let after = 0;
  let events = 0;
  const start = process.hrtime.bigint();
  for (;;) {
    const page = await store.readAll({ after, limit: READ_PAGE });
    if (page.length === 0) break;
    events += page.length;
    after = page[page.length - 1].position;
  }
  const seconds = msSince(start) / 1000;
  return { read: `readAll, pages of ${int(READ_PAGE)}`, events, seconds, eventsPerSecond: events / seconds };
}

async function benchCatchUp(store: SqliteEventStore): Promise<ReadFigures> {
  const head = await store.headPosition();
  let events = 0;
  let reachedHead!: () => void;
  const reached = new Promise<void>((done) => (reachedHead = done));
  const start = process.hrtime.bigint();
  const subscription = store.subscribeToAll({
    after: 0,
    batchSize: SUBSCRIPTION_BATCH,
    onBatch: async (batch) => {
      events += batch.length;
      if (batch[batch.length - 1].position >= head) reachedHead();
    },
  });
  await reached;
  const seconds = msSince(start) / 1000;
  await subscription.stop();
  const read = `catch-up subscription 0 → head, batches of ${SUBSCRIPTION_BATCH}`;
  return { read, events, seconds, eventsPerSecond: events / seconds };
}

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const dir = join(root, 'tmp', `bench-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const dbPath = join(dir, 'events.sqlite');
  const probe = openSqlite(':memory:');
  const sqliteVersion = (probe.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  probe.close();
  const machine = machineInfo(sqliteVersion);
  const fsyncMs = probeFsync(dir);

  const store = new SqliteEventStore({ path: dbPath });
  const appendFigures: AppendFigures[] = [];
  const readFigures: ReadFigures[] = [];
  try {
    for (const c of CASES) {
      appendFigures.push(await benchAppend(store, c));
      process.stderr.write(`done: ${c.name}\n`);
    }
    readFigures.push(await benchReadAll(store));
    readFigures.push(await benchCatchUp(store));
  } finally {
    await store.close();
  }
  const dbBytes = statSync(dbPath).size;
  if (process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });

  const appendTable = markdownTable(
    ['Case', 'Appends', 'Events/s', 'Appends/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'Appends/commit'],
    appendFigures.map((f) => {
      const l = f.latencyMs;
      const figures = [int(f.eventsPerSecond), int(f.appendsPerSecond), dec(l.p50), dec(l.p95), dec(l.p99), dec(l.max)];
      return [f.case, int(f.appends), ...figures, dec(f.appendsPerCommit, 1)];
    }),
  );
  const readTable = markdownTable(
    ['Read', 'Events', 'Seconds', 'Events/s'],
    readFigures.map((f) => [f.read, int(f.events), dec(f.seconds, 3), int(f.eventsPerSecond)]),
  );
  const m = machine;
  process.stdout.write(
    `# SQLite event store benchmark\n\n${m.nproc} × ${m.cpuModel}, Node ${m.node}, SQLite ${m.sqlite} ` +
      `(better-sqlite3 ${m.betterSqlite3}); WAL, synchronous=FULL; file under tmp/ in the repo; ` +
      `load average ${m.loadAverage1m} at start.\n\nDisk: 4 KiB write + fdatasync p50 ${dec(fsyncMs.p50)} ms, ` +
      `p99 ${dec(fsyncMs.p99)} ms, max ${dec(fsyncMs.max)} ms.\n\n` +
      `## Appends\n\n${appendTable}\n\n## Global log reads (${int(dbBytes / 1024 / 1024)} MiB file)\n\n${readTable}\n`,
  );
  const json = { generatedAt: new Date().toISOString(), machine, fsyncMs, dbPath, dbBytes };
  const figures = { ...json, appends: appendFigures, reads: readFigures };
  writeFileSync(join(root, 'tmp', 'bench-event-store.json'), `${JSON.stringify(figures, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
