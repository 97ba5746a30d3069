import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@border-ledger/event-store';
import { encodeEnvelope } from '../codec/encode-envelope';
import type { EventConsumer, ProcessedCounts } from '../ports/event-consumer.port';
import { PublisherClosedError } from '../ports/event-publisher.port';
import { Conditions, storedEnvelopes, testClient, TestReadModel, uniqueContext } from '../testing';
import { withDeadLetterTopics } from '../topics/topic-names';
import { KafkajsAdmin, KafkaUnavailableError } from './kafkajs-admin';
import { KafkajsConsumerFactory } from './kafkajs-consumer-factory';
import { KafkajsPublisher } from './kafkajs-publisher';
import { createKafkaClient } from './kafka-client';
import { readTopic } from './testing/raw-kafka';

const { client } = testClient();
const admin = new KafkajsAdmin(client);
const publisher = new KafkajsPublisher(client);
const factory = new KafkajsConsumerFactory(client, { maxWaitTimeMs: 200 });
let consumers: EventConsumer[] = [];
let models: TestReadModel[] = [];

afterEach(async () => {
  await Promise.all(consumers.map((consumer) => consumer.stop()));
  models.forEach((model) => model.close());
  consumers = [];
  models = [];
});
afterAll(async () => {
  await publisher.close();
  await admin.close();
});

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Starts a consumer that records every applied envelope and the running totals. */
async function consume(topic: string) {
  const model = new TestReadModel();
  const received: EventEnvelope[] = [];
  const totals = { applied: 0, duplicates: 0, deadLettered: 0 };
  const conditions = new Conditions();
  const consumer = factory.create({
    groupId: `group-${randomUUID()}`,
    topics: [topic],
    inbox: model.inbox,
    apply: (event) => (model.apply(event), void received.push(event)),
    onProcessed: (counts: ProcessedCounts) => {
      totals.applied += counts.applied;
      totals.duplicates += counts.duplicates;
      totals.deadLettered += counts.deadLettered;
      conditions.check();
    },
  });
  models.push(model);
  consumers.push(consumer);
  await consumer.start();
  return { model, received, totals, until: (holds: () => boolean) => conditions.until(holds) };
}

describe('kafkajs publisher and consumer', () => {
  it('round-trips every envelope field, keyed by stream id, in per-stream order', async () => {
    const { topic, type } = uniqueContext();
    await admin.ensureTopics(withDeadLetterTopics([topic]));
    const events = await storedEnvelopes(type, 4, 8);
    const { received, until } = await consume(topic);

    await publisher.publish(events.slice(0, 10));
    await publisher.publish(events.slice(10));
    await until(() => received.length === events.length);

    const byStream = (list: EventEnvelope[]) => groupBy(list, (event) => event.streamId);
    expect(byStream(received)).toEqual(byStream(events));

    const raw = await readTopic(client.kafka, topic, events.length);
    const original = new Map(events.map((event) => [event.eventId, event]));
    for (const record of raw) {
      const event = original.get(record.headers['event-id'])!;
      expect(record.key).toBe(event.streamId);
      expect(record.headers).toEqual(encodeEnvelope(event).headers);
      expect(record.value).toBe(encodeEnvelope(event).value);
    }
    // One stream, one partition: that is what keeps a stream in order.
    for (const records of groupBy(raw, (record) => record.key!).values()) {
      expect(new Set(records.map((record) => record.partition)).size).toBe(1);
    }
  });

  it('applies an event published twice only once', async () => {
    const { topic, type } = uniqueContext();
    await admin.ensureTopics(withDeadLetterTopics([topic]));
    const [first, second, third] = await storedEnvelopes(type, 1, 3);
    const { model, totals, until } = await consume(topic);

    await publisher.publish([first, second]);
    await publisher.publish([first, third]);
    await until(() => totals.applied + totals.duplicates === 4);

    expect(model.rows().map((row) => row.event_id)).toEqual([first.eventId, second.eventId, third.eventId]);
    expect(totals).toEqual({ applied: 3, duplicates: 1, deadLettered: 0 });
  });
});

describe('kafkajs publisher routing', () => {
  it('sends one publish spanning two contexts to each context topic', async () => {
    const a = uniqueContext();
    const b = uniqueContext();
    await admin.ensureTopics(withDeadLetterTopics([a.topic, b.topic]));
    const [eventsA, eventsB] = await Promise.all([storedEnvelopes(a.type, 1, 2), storedEnvelopes(b.type, 1, 3)]);
    await publisher.publish([eventsA[0], eventsB[0], eventsA[1], eventsB[1], eventsB[2]]);
    const [readA, readB] = await Promise.all([readTopic(client.kafka, a.topic, 2), readTopic(client.kafka, b.topic, 3)]);
    expect(readA.map((r) => r.headers['event-id'])).toEqual(eventsA.map((e) => e.eventId));
    expect(readB.map((r) => r.headers['event-id'])).toEqual(eventsB.map((e) => e.eventId));
  });

  it('refuses to publish after close', async () => {
    const closing = new KafkajsPublisher(client);
    await closing.close();
    await expect(closing.publish(await storedEnvelopes(uniqueContext().type, 1, 1))).rejects.toThrow(PublisherClosedError);
  });
});

describe('kafkajs admin', () => {
  it('creates missing topics once and leaves existing ones alone', async () => {
    const { topic } = uniqueContext();
    const topics = withDeadLetterTopics([topic]);
    expect(await admin.ensureTopics(topics, 2)).toEqual(topics);
    expect(await admin.ensureTopics(topics, 5)).toEqual([]);
    const raw = client.kafka.admin();
    await raw.connect();
    try {
      const { topics: metadata } = await raw.fetchTopicMetadata({ topics });
      expect(metadata.map((t) => t.partitions.length)).toEqual([2, 2]);
    } finally {
      await raw.disconnect();
    }
  });

  it('refuses topic names outside the scheme', async () => {
    await expect(admin.ensureTopics(['orders'])).rejects.toThrow('does not follow');
  });

  it('answers ping when the broker is up and times out when it is not', async () => {
    await expect(admin.ping()).resolves.toBeUndefined();
    const nowhere = createKafkaClient({
      brokers: ['127.0.0.1:1'],
      clientId: 'ping-test',
      retry: { retries: 2, initialRetryTimeMs: 100, maxRetryTimeMs: 200 },
      log: () => undefined,
    });
    const unreachable = new KafkajsAdmin(nowhere, { pingTimeoutMs: 50 });
    await expect(unreachable.ping()).rejects.toThrow(KafkaUnavailableError);
    await unreachable.close();
  });
});
