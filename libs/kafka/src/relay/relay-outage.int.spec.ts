import { randomUUID } from 'node:crypto';
import { openSqlite, SqliteCheckpointStore, SqliteEventStore, type SqliteDatabase } from '@border-ledger/event-store';
import { startKafkaBroker, type KafkaBrokerHandle } from '@border-ledger/testing';
import { createKafkaClient, type KafkaClient } from '../kafkajs/kafka-client';
import { KafkajsAdmin } from '../kafkajs/kafkajs-admin';
import { KafkajsConsumerFactory } from '../kafkajs/kafkajs-consumer-factory';
import { KafkajsPublisher } from '../kafkajs/kafkajs-publisher';
import type { EventConsumer } from '../ports/event-consumer.port';
import type { KafkaLogEntry } from '../ports/logger.port';
import { appendInterleaved, Conditions, streamIds, TestReadModel, uniqueContext } from '../testing';
import { withDeadLetterTopics } from '../topics/topic-names';
import { Relay } from './relay';

// A broker of its own: stopping the shared one would break suites running in parallel.
let broker: KafkaBrokerHandle;
let client: KafkaClient;
const logs: KafkaLogEntry[] = [];
const conditions = new Conditions();
let store: SqliteEventStore;
let db: SqliteDatabase;
let model: TestReadModel;
let admin: KafkajsAdmin;
let publisher: KafkajsPublisher;
let relay: Relay | undefined;
let consumer: EventConsumer | undefined;

beforeAll(async () => {
  broker = await startKafkaBroker();
  client = createKafkaClient({
    brokers: broker.brokers,
    clientId: `outage-${randomUUID()}`,
    retry: { retries: 2, initialRetryTimeMs: 100, maxRetryTimeMs: 500 },
    connectionTimeoutMs: 1000,
    log: (entry) => (logs.push(entry), conditions.check()),
  });
  store = new SqliteEventStore({ path: ':memory:', pollIntervalMs: 50 });
  db = openSqlite(':memory:');
  model = new TestReadModel();
  admin = new KafkajsAdmin(client);
  publisher = new KafkajsPublisher(client, { sendRetries: 2 });
}, 120_000);

afterAll(async () => {
  await relay?.stop();
  await consumer?.stop();
  await publisher?.close();
  await admin?.close();
  await store?.close();
  db?.close();
  model?.close();
  await broker?.stop();
}, 120_000);

describe('relay across a broker outage', () => {
  it('keeps retrying while the broker is down, re-creates the producer, and loses nothing', async () => {
    const { topic, type } = uniqueContext();
    await admin.ensureTopics(withDeadLetterTopics([topic]));
    const checkpoints = new SqliteCheckpointStore(db);
    // After a restart the coordinator waits out the old member's session before rebalancing:
    // use the broker's minimum (6 s) rather than the 30 s default.
    const factory = new KafkajsConsumerFactory(client, { maxWaitTimeMs: 200, sessionTimeoutMs: 6000, heartbeatIntervalMs: 1000 });
    consumer = factory.create({
      groupId: `group-${randomUUID()}`,
      topics: [topic],
      inbox: model.inbox,
      apply: model.apply,
    });
    await consumer.start();
    relay = new Relay({
      name: 'edge',
      store,
      checkpoints,
      publisher,
      retryDelayMs: 100,
      maxRetryDelayMs: 400,
      logger: (entry) => (logs.push(entry), conditions.check()),
      onPublished: () => conditions.check(),
    });
    const streams = streamIds(5);
    await appendInterleaved(store, type, streams, 2);
    await relay.start();
    await conditions.until(() => relay!.position() === 10);

    await broker.stop();
    await appendInterleaved(store, type, streams, 2);
    const retries = () => logs.filter((entry) => entry.namespace === 'relay' && entry.msg === 'publish failed; retrying');
    await conditions.until(() => retries().length >= 3);
    expect(await checkpoints.load('relay:edge')).toBe(10);
    expect(relay.lag()).toBe(10); // reported on each failed attempt: the events waiting in the store

    await broker.restart();
    // Wait on the read model, not on onProcessed: a batch applied just as the broker went down
    // may have its commit reported as failed yet stored, and is then never reported at all.
    await conditions.until(() => relay!.position() === 20 && model.rows().length === 20, { pollMs: 100 });

    expect(logs).toContainEqual(
      expect.objectContaining({ namespace: 'publisher', msg: 'send failed with an unknown outcome; the producer will be re-created' }),
    );
    expect(retries().map((entry) => entry.retryInMs).slice(0, 3)).toEqual([100, 200, 400]);
    const rows = model.rows();
    expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set((await store.readAll({ after: 0, limit: 100 })).map((e) => e.eventId)));
    for (const stream of streams) {
      expect(rows.filter((row) => row.stream_id === stream).map((row) => row.revision)).toEqual([0, 1, 2, 3]);
    }
    expect(await checkpoints.load('relay:edge')).toBe(20);
  });
});
