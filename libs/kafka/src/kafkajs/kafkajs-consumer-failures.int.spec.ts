import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@border-ledger/event-store';
import { Partitioners } from 'kafkajs';
import { encodeEnvelope } from '../codec/encode-envelope';
import type { DeadLetter, EventConsumer } from '../ports/event-consumer.port';
import { Conditions, storedEnvelopes, testClient, TestReadModel, uniqueContext } from '../testing';
import { withDeadLetterTopics } from '../topics/topic-names';
import { KafkajsAdmin } from './kafkajs-admin';
import { KafkajsConsumerFactory } from './kafkajs-consumer-factory';
import { KafkajsPublisher } from './kafkajs-publisher';
import { KafkajsDeadLetterRedrive } from './kafkajs-redrive';
import { committedOffsets, readTopic } from './testing/raw-kafka';

const { client, logs } = testClient();
const admin = new KafkajsAdmin(client);
const publisher = new KafkajsPublisher(client);
const factory = new KafkajsConsumerFactory(client, { maxWaitTimeMs: 200 });
const started: EventConsumer[] = [];
let model: TestReadModel;

beforeEach(() => {
  model = new TestReadModel();
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((consumer) => consumer.stop()));
  model.close();
});
afterAll(async () => {
  await publisher.close();
  await admin.close();
});

/** A one-partition topic (so offsets are easy to reason about) and its events. */
async function topicWithEvents(count: number): Promise<{ topic: string; events: EventEnvelope[] }> {
  const { topic, type } = uniqueContext();
  await admin.ensureTopics(withDeadLetterTopics([topic]), 1);
  const events = await storedEnvelopes(type, 1, count);
  await publisher.publish(events);
  return { topic, events };
}

async function start(consumer: EventConsumer): Promise<void> {
  started.push(consumer);
  await consumer.start();
}

describe('kafkajs consumer failure handling', () => {
  it('delivers a batch again when apply throws, and commits only once it succeeds', async () => {
    const { topic, events } = await topicWithEvents(3);
    const groupId = `group-${randomUUID()}`;
    const attempts: string[] = [];
    const conditions = new Conditions();
    let applied = 0;
    await start(
      factory.create({
        groupId,
        topics: [topic],
        inbox: model.inbox,
        apply: (event) => {
          attempts.push(event.eventId);
          // Fails the batch, then the same event retried alone: the batch is delivered again.
          if (attempts.length <= 2) throw new Error('database is locked');
          model.apply(event);
        },
        onProcessed: (counts) => ((applied += counts.applied), conditions.check()),
      }),
    );
    await conditions.until(() => applied === 3);

    const ids = events.map((event) => event.eventId);
    expect(attempts).toEqual([ids[0], ids[0], ...ids]);
    expect(model.rows().map((row) => row.event_id)).toEqual(ids);
    expect(await committedOffsets(client.kafka, groupId, topic)).toEqual({ 0: '3' });
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'error', namespace: 'consumer', msg: expect.stringContaining('apply failed; the batch will be delivered again'), error: 'Error' }),
    );
  });

  it('commits nothing while apply keeps failing, so the next member of the group gets the events', async () => {
    const { topic, events } = await topicWithEvents(2);
    const groupId = `group-${randomUUID()}`;
    const conditions = new Conditions();
    let failures = 0;
    const failing = factory.create({
      groupId,
      topics: [topic],
      inbox: model.inbox,
      maxApplyAttempts: 1000, // not parked while this member runs
      apply: () => {
        failures += 1;
        conditions.check();
        throw new TypeError('read model bug');
      },
    });
    await start(failing);
    await conditions.until(() => failures >= 3);
    await failing.stop();
    expect(await committedOffsets(client.kafka, groupId, topic)).toEqual({ 0: '-1' });
    expect(model.rows()).toEqual([]);

    let applied = 0;
    await start(
      factory.create({
        groupId,
        topics: [topic],
        inbox: model.inbox,
        apply: model.apply,
        onProcessed: (counts) => ((applied += counts.applied), conditions.check()),
      }),
    );
    await conditions.until(() => applied === 2);
    expect(model.rows().map((row) => row.event_id)).toEqual(events.map((event) => event.eventId));
    expect(await committedOffsets(client.kafka, groupId, topic)).toEqual({ 0: '2' });
  });

  it('moves malformed records to the dead-letter topic with the reason and never applies them', async () => {
    const { topic, type } = uniqueContext();
    await admin.ensureTopics(withDeadLetterTopics([topic]), 1);
    const [good, spoiled] = await storedEnvelopes(type, 2, 1);
    const spoiledRecord = { ...encodeEnvelope(spoiled), value: '{"passport":' };
    const raw = client.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await raw.connect();
    try {
      await raw.send({
        topic,
        messages: [{ key: 'x', value: 'garbage', headers: { 'x-source': 'fuzzer' } }, spoiledRecord, encodeEnvelope(good)],
      });
    } finally {
      await raw.disconnect();
    }

    const letters: DeadLetter[] = [];
    const conditions = new Conditions();
    let applied = 0;
    await start(
      factory.create({
        groupId: `group-${randomUUID()}`,
        topics: [topic],
        inbox: model.inbox,
        apply: model.apply,
        onDeadLetter: (letter) => letters.push(letter),
        onProcessed: (counts) => ((applied += counts.applied), conditions.check()),
      }),
    );
    await conditions.until(() => applied === 1 && letters.length === 2);

    expect(model.rows().map((row) => row.event_id)).toEqual([good.eventId]);
    const dlq = `${topic}.dlq`;
    expect(letters).toEqual([
      { topic, partition: 0, offset: '0', reason: 'missing header "event-type"', deadLetterTopic: dlq },
      { topic, partition: 0, offset: '1', reason: 'value is not valid JSON', deadLetterTopic: dlq },
    ]);
    const parked = await readTopic(client.kafka, dlq, 2);
    expect(parked.map(({ key, value, headers }) => ({ key, value, headers }))).toEqual([
      {
        key: 'x',
        value: 'garbage',
        headers: {
          'x-source': 'fuzzer',
          'dead-letter-reason': 'missing header "event-type"',
          'source-topic': topic,
          'source-partition': '0',
          'source-offset': '0',
        },
      },
      {
        key: spoiled.streamId,
        value: '{"passport":',
        headers: {
          ...spoiledRecord.headers,
          'dead-letter-reason': 'value is not valid JSON',
          'source-topic': topic,
          'source-partition': '0',
          'source-offset': '1',
        },
      },
    ]);
  });

  it('parks a poison event on the dead-letter topic after its attempts, with the reason and its bytes, and applies the rest once', async () => {
    const { topic, events } = await topicWithEvents(3);
    const groupId = `group-${randomUUID()}`;
    const poison = events[1]!;
    const letters: DeadLetter[] = [];
    const conditions = new Conditions();
    let applied = 0;
    let failures = 0;
    await start(
      factory.create({
        groupId,
        topics: [topic],
        inbox: model.inbox,
        maxApplyAttempts: 2,
        apply: (event) => {
          if (event.eventId === poison.eventId) {
            failures += 1;
            throw new TypeError('read model bug');
          }
          model.apply(event);
        },
        onDeadLetter: (letter) => letters.push(letter),
        onProcessed: (counts) => ((applied += counts.applied), conditions.check()),
      }),
    );
    await conditions.until(() => letters.length === 1 && model.rows().length === 2);

    expect(model.rows().map((row) => row.event_id)).toEqual([events[0]!.eventId, events[2]!.eventId]);
    // Counts are reported for committed batches: the first delivery applied event 0 and failed.
    expect(applied).toBe(1);
    const dlq = `${topic}.dlq`;
    expect(letters).toEqual([{ topic, partition: 0, offset: '1', reason: 'apply failed 2 times: TypeError', deadLetterTopic: dlq }]);
    // Two deliveries, each failing the batch and then the event alone.
    expect(failures).toBe(4);
    const [parked] = await readTopic(client.kafka, dlq, 1);
    const original = encodeEnvelope(poison);
    expect(parked).toMatchObject({ key: poison.streamId, value: Buffer.from(original.value).toString('utf8'), headers: { ...original.headers, 'dead-letter-reason': 'apply failed 2 times: TypeError', 'source-offset': '1' } });
    expect(await committedOffsets(client.kafka, groupId, topic)).toEqual({ 0: '3' });
  });

  it('sends a parked poison event back once its cause is fixed: applied once, and a second redrive finds nothing new', async () => {
    const { topic, events } = await topicWithEvents(3);
    const groupId = `group-${randomUUID()}`;
    const poison = events[1]!;
    let fixed = false;
    const letters: DeadLetter[] = [];
    const conditions = new Conditions();
    const options = {
      groupId,
      topics: [topic],
      inbox: model.inbox,
      maxApplyAttempts: 1,
      apply: (event: EventEnvelope) => {
        if (event.eventId === poison.eventId && !fixed) throw new TypeError('read model bug');
        model.apply(event);
      },
      onDeadLetter: (letter: DeadLetter) => letters.push(letter),
      onProcessed: () => conditions.check(),
    };
    const first = factory.create(options);
    await start(first);
    await conditions.until(() => letters.length === 1 && model.rows().length === 2);
    await first.stop();

    const redrive = new KafkajsDeadLetterRedrive(client);
    const groupOf = `redrive-${randomUUID()}`;
    expect(await redrive.redrive({ topic, groupId: groupOf, dryRun: true })).toEqual({ deadLetterTopic: `${topic}.dlq`, dryRun: true, read: 1, redriven: 1, skipped: [] });
    fixed = true;
    expect(await redrive.redrive({ topic, groupId: groupOf })).toMatchObject({ read: 1, redriven: 1, skipped: [] });
    await start(factory.create(options));
    await conditions.until(() => model.rows().length === 3);
    expect(model.rows().map((row) => row.event_id).sort()).toEqual(events.map((e) => e.eventId).sort());
    const [back] = (await readTopic(client.kafka, topic, 4)).slice(3);
    expect(back?.headers).toMatchObject({ 'redriven-from': `${topic}.dlq@0` });
    expect(back?.headers).not.toHaveProperty('dead-letter-reason');
    expect(await redrive.redrive({ topic, groupId: groupOf })).toMatchObject({ read: 0, redriven: 0 });
    // A topic that never parked anything has no dead-letter topic: nothing to do, no error.
    expect(await redrive.redrive({ topic: uniqueContext().topic })).toMatchObject({ read: 0, redriven: 0, skipped: [] });
  });
});
