import { randomUUID } from 'node:crypto';
import {
  openSqlite,
  SqliteEventStore,
  SqliteInbox,
  type EventEnvelope,
  type SqliteDatabase,
} from '@border-ledger/event-store';
import { newEvent } from '@border-ledger/event-store/testing';
import type { KafkaLogEntry } from '../ports/logger.port';
import { createKafkaClient, type KafkaClient } from '../kafkajs/kafka-client';
import { eventTopic } from '../topics/topic-names';

/** Brokers exported by the Jest global setup (`libs/testing/src/kafka`). */
export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run through jest so the global setup starts a broker');
  return brokers.split(',');
}

/** A client on the test broker with quick retries; its log entries are collected. */
export function testClient(): { client: KafkaClient; logs: KafkaLogEntry[] } {
  const logs: KafkaLogEntry[] = [];
  const client = createKafkaClient({
    brokers: testBrokers(),
    clientId: `test-${randomUUID()}`,
    retry: { retries: 5, initialRetryTimeMs: 100, maxRetryTimeMs: 1000 },
    log: (entry) => logs.push(entry),
  });
  return { client, logs };
}

/** A bounded context (and so a topic) no other test uses. */
export function uniqueContext(): { context: string; topic: string; type: string } {
  const context = `it-${randomUUID()}`;
  return { context, topic: eventTopic('TH', context), type: `${context}.thing-happened.v1` };
}

/** Ids for `count` new streams. */
export function streamIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `crossing-${i}-${randomUUID()}`);
}

/** Appends `perStream` events to each stream (new or not), interleaved; returns what was appended. */
export async function appendInterleaved(
  store: SqliteEventStore,
  type: string,
  streams: readonly string[],
  perStream: number,
): Promise<EventEnvelope[]> {
  const from = await store.headPosition();
  const revisions = await Promise.all(streams.map((id) => store.streamRevision(id)));
  for (let round = 0; round < perStream; round += 1) {
    await Promise.all(
      streams.map((id, i) => {
        const current = revisions[i];
        revisions[i] = current === null ? 0 : current + 1;
        return store.append(id, [newEvent({ type })], current ?? 'no-stream');
      }),
    );
  }
  return store.readAll({ after: from, limit: streams.length * perStream });
}

/** Real envelopes (hash-chained by a store) for publishing tests. */
export async function storedEnvelopes(type: string, streams: number, perStream: number): Promise<EventEnvelope[]> {
  const store = new SqliteEventStore({ path: ':memory:' });
  try {
    return await appendInterleaved(store, type, streamIds(streams), perStream);
  } finally {
    await store.close();
  }
}

/** A read model in SQLite: applied events are rows written in the inbox's transaction. */
export class TestReadModel {
  readonly db: SqliteDatabase = openSqlite(':memory:');
  readonly inbox: SqliteInbox;
  private readonly insert;

  constructor(consumer = 'test') {
    this.db.exec(`CREATE TABLE applied (seq INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id TEXT NOT NULL, stream_id TEXT NOT NULL, revision INTEGER NOT NULL)`);
    this.inbox = new SqliteInbox(this.db, consumer);
    this.insert = this.db.prepare<[string, string, number]>(
      'INSERT INTO applied (event_id, stream_id, revision) VALUES (?, ?, ?)',
    );
  }

  readonly apply = (event: EventEnvelope): void => {
    this.insert.run(event.eventId, event.streamId, event.revision);
  };

  rows(): Array<{ event_id: string; stream_id: string; revision: number }> {
    return this.db.prepare('SELECT event_id, stream_id, revision FROM applied ORDER BY seq').all() as never;
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Promises that resolve once a condition holds; call {@link check} whenever state changes.
 * `pollMs` also re-checks on a timer, for state that changes without a callback.
 */
export class Conditions {
  private waiting: Array<{ holds: () => boolean; resolve: () => void }> = [];

  until(holds: () => boolean, options: { pollMs?: number } = {}): Promise<void> {
    if (holds()) return Promise.resolve();
    const met = new Promise<void>((resolve) => this.waiting.push({ holds, resolve }));
    if (!options.pollMs) return met;
    const timer = setInterval(() => this.check(), options.pollMs);
    return met.finally(() => clearInterval(timer));
  }

  check(): void {
    this.waiting = this.waiting.filter((waiter) => {
      if (!waiter.holds()) return true;
      waiter.resolve();
      return false;
    });
  }
}
