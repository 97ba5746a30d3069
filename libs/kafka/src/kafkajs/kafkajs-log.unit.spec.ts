import { logLevel, type LogEntry } from 'kafkajs';
import type { KafkaLogEntry } from '../ports/logger.port';
import { createKafkaClient } from './kafka-client';
import { kafkajsLogCreator, toKafkajsLevel, toLogEntry } from './kafkajs-log';

function entry(level: logLevel, log: Record<string, unknown>): LogEntry {
  return { namespace: 'Consumer', level, label: 'WARN', log: { timestamp: '2026-11-23T08:00:00.000Z', message: 'm', ...log } };
}

describe('kafkajs log mapping', () => {
  it('keeps identifiers and drops stacks, payloads and unknown fields', () => {
    const mapped = toLogEntry(
      entry(logLevel.ERROR, {
        message: 'Crash: KafkaJSNumberOfRetriesExceeded',
        groupId: 'read-model',
        topic: 'th.exchange.events.v1',
        partition: 2,
        retryCount: 5,
        restart: true,
        error: new Error('Connection timeout'),
        stack: 'Error: at secret.js:1',
        value: '{"passport":"AB1234567"}',
        offsets: [{ offset: '7' }],
      }),
    );
    expect(mapped).toEqual({
      level: 'error',
      namespace: 'kafkajs.Consumer',
      msg: 'Crash: KafkaJSNumberOfRetriesExceeded',
      groupId: 'read-model',
      topic: 'th.exchange.events.v1',
      partition: 2,
      retryCount: 5,
      restart: true,
      error: 'Error: Connection timeout',
    });
  });

  it('maps warn and error, drops info and debug', () => {
    expect(toLogEntry(entry(logLevel.WARN, {}))?.level).toBe('warn');
    expect(toLogEntry(entry(logLevel.INFO, {}))).toBeNull();
    expect(toLogEntry(entry(logLevel.DEBUG, {}))).toBeNull();
    expect(toKafkajsLevel('warn')).toBe(logLevel.WARN);
    expect(toKafkajsLevel('error')).toBe(logLevel.ERROR);
  });

  it('clips long messages', () => {
    const mapped = toLogEntry(entry(logLevel.WARN, { message: 'x'.repeat(1000) }));
    expect(mapped?.msg).toHaveLength(301);
  });

  it('routes kafkajs entries to the sink through a logCreator', () => {
    const seen: KafkaLogEntry[] = [];
    const log = kafkajsLogCreator((e) => seen.push(e))(logLevel.WARN);
    log(entry(logLevel.WARN, { message: 'rebalancing' }));
    log(entry(logLevel.INFO, { message: 'joined' }));
    expect(seen.map((e) => e.msg)).toEqual(['rebalancing']);
  });

  it('filters the client sink to the configured level', () => {
    const seen: KafkaLogEntry[] = [];
    const client = createKafkaClient({ brokers: ['127.0.0.1:9'], clientId: 'c', logLevel: 'error', log: (e) => seen.push(e) });
    client.log({ level: 'warn', namespace: 'relay', msg: 'retrying' });
    client.log({ level: 'error', namespace: 'relay', msg: 'stopped' });
    expect(seen.map((e) => e.msg)).toEqual(['stopped']);
  });

  it('refuses a client without brokers or client id', () => {
    expect(() => createKafkaClient({ brokers: [], clientId: 'c' })).toThrow('at least one broker');
    expect(() => createKafkaClient({ brokers: ['b:9092'], clientId: '' })).toThrow('client id');
  });
});
