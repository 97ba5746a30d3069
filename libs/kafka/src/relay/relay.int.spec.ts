import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, SqliteCheckpointStore, SqliteEventStore, type SqliteDatabase } from '@border-ledger/event-store';
import { KafkajsAdmin } from '../kafkajs/kafkajs-admin';
import { KafkajsConsumerFactory } from '../kafkajs/kafkajs-consumer-factory';
import { KafkajsPublisher } from '../kafkajs/kafkajs-publisher';
import type { EventConsumer } from '../ports/event-consumer.port';
import { appendInterleaved, Conditions, streamIds, testClient, TestReadModel, uniqueContext } from '../testing';
import { withDeadLetterTopics } from '../topics/topic-names';
import { Relay } from './relay';

let dir: string;
let store: SqliteEventStore;
let db: SqliteDatabase;
let model: TestReadModel;
const { client } = testClient();
const admin = new KafkajsAdmin(client);
const publisher = new KafkajsPublisher(client);
const relays: Relay[] = [];
let consumer: EventConsumer | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bl-relay-'));
  store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 50 });
  db = openSqlite(join(dir, 'checkpoints.sqlite'));
  model = new TestReadModel();
});
afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.stop()));
  await consumer?.stop();
  await publisher.close();
  await admin.close();
  await store.close();
  db.close();
  model.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('relay end to end on a real broker', () => {
  it('delivers 500 events from 20 streams exactly once in effect, in stream order, and checkpoints the head', async () => {
    const { topic, type } = uniqueContext();
    await admin.ensureTopics(withDeadLetterTopics([topic]));
    const checkpoints = new SqliteCheckpointStore(db);
    const conditions = new Conditions();
    const totals = { applied: 0, duplicates: 0 };
    consumer = new KafkajsConsumerFactory(client, { maxWaitTimeMs: 200 }).create({
      groupId: `read-model-${randomUUID()}`,
      topics: [topic],
      inbox: model.inbox,
      apply: model.apply,
      onProcessed: (counts) => {
        totals.applied += counts.applied;
        totals.duplicates += counts.duplicates;
        conditions.check();
      },
    });
    await consumer.start();

    const relayFrom = (name: string): Relay => {
      const relay = new Relay({ name, store, checkpoints, publisher, batchSize: 64, onPublished: () => conditions.check() });
      relays.push(relay);
      return relay;
    };
    // Half the log exists before the relay starts (catch-up), half is appended while it runs (live).
    const streams = streamIds(20);
    const before = await appendInterleaved(store, type, streams, 12);
    const edge = relayFrom('edge');
    await edge.start();
    const during = await appendInterleaved(store, type, streams, 13);
    const log = [...before, ...during];
    expect(log).toHaveLength(500);
    await conditions.until(() => edge.position() === 500 && totals.applied === 500);

    // A relay that lost its checkpoint republishes everything: consumers must not apply it twice.
    const replay = relayFrom('replay');
    await replay.start();
    await conditions.until(() => replay.position() === 500 && totals.applied + totals.duplicates === 1000);

    const rows = model.rows();
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(log.map((event) => event.eventId)));
    const revisionsByStream = new Map<string, number[]>();
    for (const row of rows) revisionsByStream.set(row.stream_id, [...(revisionsByStream.get(row.stream_id) ?? []), row.revision]);
    expect([...revisionsByStream.keys()].sort()).toEqual([...streams].sort());
    for (const revisions of revisionsByStream.values()) {
      expect(revisions).toEqual(revisions.map((_, index) => index));
    }
    expect(totals).toEqual({ applied: 500, duplicates: 500 });
    expect(await checkpoints.load('relay:edge')).toBe(await store.headPosition());
    expect(await checkpoints.load('relay:replay')).toBe(500);
    expect(edge.lag()).toBe(0);
  });
});
