import { openSqlite, SqliteInbox } from '@border-ledger/event-store';
import { InvalidTopicNameError } from '../topics/topic-names';
import { createKafkaClient } from './kafka-client';
import { KafkajsConsumerFactory } from './kafkajs-consumer-factory';
import { KafkajsEventConsumer } from './kafkajs-consumer';

// Creating consumers does not connect, so no broker is needed here.
const factory = new KafkajsConsumerFactory(createKafkaClient({ brokers: ['127.0.0.1:9'], clientId: 'unit', log: () => undefined }));
const db = openSqlite(':memory:');
const base = { groupId: 'read-model', topics: ['th.exchange.events.v1'], inbox: new SqliteInbox(db, 'unit'), apply: () => undefined };
afterAll(() => db.close());

describe('KafkajsConsumerFactory', () => {
  it('creates a consumer for event topics', () => {
    expect(factory.create(base)).toBeInstanceOf(KafkajsEventConsumer);
  });

  it('refuses topics outside the naming scheme, including dead-letter topics', () => {
    expect(() => factory.create({ ...base, topics: ['orders'] })).toThrow(InvalidTopicNameError);
    expect(() => factory.create({ ...base, topics: ['th.exchange.events.v1.dlq'] })).toThrow(InvalidTopicNameError);
  });

  it('refuses a consumer without group or topics', () => {
    expect(() => factory.create({ ...base, groupId: '' })).toThrow('group id');
    expect(() => factory.create({ ...base, topics: [] })).toThrow('at least one topic');
  });

  it('treats stop before start as a no-op', async () => {
    await expect(factory.create(base).stop()).resolves.toBeUndefined();
  });
});
