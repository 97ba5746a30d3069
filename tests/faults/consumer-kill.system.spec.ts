import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { openSqlite, SqliteCheckpointStore, SqliteEventStore } from '@border-ledger/event-store';
import { createKafkaClient, KafkajsAdmin, KafkajsPublisher, Relay, withDeadLetterTopics } from '@border-ledger/kafka';
import { waitUntil } from '@border-ledger/testing';
import { AppliedLog, printCase } from './support/checker';
import { faultTopic, numberedEvents, SequenceWriter } from './support/sequences';
import { rawDuplicates, readWire } from './support/wire';
import { startWorker, type WorkerProcess } from './support/worker-process';

/**
 * Case c: a consumer process dies after its side effect and before its offset commit. Its inbox
 * SIGKILLs the process right after the inbox transaction of its third batch committed; the
 * restarted consumer is handed that batch again and its inbox skips every event of it.
 */
describe('fault c: consumer killed between its inbox commit and its offset commit', () => {
  const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',');
  const { topic, type } = faultTopic('c');
  const groupId = `fault-c-${randomUUID()}`;
  let dir: string;
  let store: SqliteEventStore;
  let publisher: KafkajsPublisher;
  let relay: Relay;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-fault-c-'));
    const client = createKafkaClient({ brokers, clientId: `fault-c-${randomUUID().slice(0, 8)}`, log: () => undefined });
    const admin = new KafkajsAdmin(client);
    await admin.ensureTopics(withDeadLetterTopics([topic]));
    await admin.close();
    store = new SqliteEventStore({ path: ':memory:', pollIntervalMs: 50 });
    publisher = new KafkajsPublisher(client);
    relay = new Relay({ name: 'fault-c', store, checkpoints: new SqliteCheckpointStore(openSqlite(':memory:')), publisher, batchSize: 50 });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await relay?.stop();
    await publisher?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const committedOffsets = async (): Promise<number> => {
    const admin = new Kafka({ brokers, clientId: 'fault-c-offsets', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return offsets.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    } finally {
      await admin.disconnect();
    }
  };

  it('redelivers the uncommitted batch, whose events the inbox skips', async () => {
    const env = { KAFKA_BROKERS: brokers.join(','), TOPIC: topic, GROUP_ID: groupId, DB_PATH: join(dir, 'consumer.sqlite') };
    const first = await startWorker('consumer-worker.ts', { ...env, KILL_AFTER_BATCH: '3' });
    workers.push(first);
    const writer = new SequenceWriter(store, type, 10);
    await relay.start();
    // Trickle the events in so that they arrive in many small batches.
    for (let round = 0; round < 40; round += 1) {
      await writer.append(1);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const log = new AppliedLog(openSqlite(env.DB_PATH));
    const appliedAtKill = log.count();
    const committedAtKill = await committedOffsets();
    // The killed batch's effects are stored, its offsets are not committed (no duplicates on the wire here).
    expect(appliedAtKill).toBeGreaterThan(committedAtKill);

    const second = await startWorker('consumer-worker.ts', env);
    workers.push(second);
    await writer.append(10);
    const expected = await numberedEvents(store, (t) => t === type);
    await waitUntil(() => log.verdict(expected).lost === 0, 'the restarted consumer to apply every event', 90_000).catch(() => undefined);
    const verdict = log.verdict(expected);
    const duplicates = rawDuplicates(await readWire(brokers, [topic]));
    const skipped = second.lines
      .filter((line) => line.startsWith('{"batch"'))
      .reduce((sum, line) => sum + (JSON.parse(line) as { skipped: number }).skipped, 0);
    printCase(
      'c. consumer SIGKILL after inbox commit, before offset commit',
      verdict,
      duplicates,
      `${appliedAtKill} applied and ${committedAtKill} committed at the kill; ${skipped} redelivered events skipped by the inbox`,
    );

    expect(verdict).toEqual({ events: 500, lost: 0, appliedTwice: 0, orderViolations: 0 });
    expect(skipped).toBeGreaterThanOrEqual(appliedAtKill - committedAtKill);
    expect(await second.stop()).toEqual({ code: 0, signal: null });
    log.db.close();
  }, 180_000);
});
