import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openSqlite, SqliteInbox, type EventEnvelope, type EventStore, type NewEvent } from '@border-ledger/event-store';
import { KafkajsConsumerFactory, type EventConsumer, type Inbox, type KafkaClient } from '@border-ledger/kafka';

/** Wall-clock milliseconds with sub-millisecond precision, comparable across this process. */
export const nowMs = (): number => performance.timeOrigin + performance.now();

/** A payload about the size of a recorded crossing (~300 bytes of canonical JSON). */
function payload(sentAt: number): Record<string, unknown> {
  return {
    sentAt,
    crossingId: randomUUID(),
    pointOfEntry: 'TH-ARANYAPRATHET',
    direction: 'entry',
    channel: 'passport-visa',
    purpose: 'trade',
    nationality: 'KH',
    sex: 'female',
    ageBand: '25-34',
    occurredAt: new Date().toISOString(),
    travellerRef: randomUUID(),
  };
}

/** New events of `type`; `sentAt` 0 marks events whose latency is not measured. */
export function benchEvents(type: string, count: number, sentAt = 0): NewEvent[] {
  return Array.from({ length: count }, () => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data: payload(sentAt),
    occurredAt: new Date().toISOString(),
    metadata: { agency: 'TH-IMM', country: 'TH', correlationId: randomUUID(), causationId: null },
  }));
}

/**
 * A consumer projecting into a SQLite file (WAL, synchronous=FULL) through the inbox. Latency is
 * taken when the inbox transaction has committed: the event is then in the projection for good.
 */
export class ProjectionProbe {
  readonly latenciesMs: number[] = [];
  projected = 0;
  lastProjectedAt = 0;
  private readonly consumer: EventConsumer;

  constructor(client: KafkaClient, topic: string, dbPath: string) {
    const db = openSqlite(dbPath);
    db.exec('CREATE TABLE IF NOT EXISTS projection (event_id TEXT PRIMARY KEY, stream_id TEXT, revision INTEGER)');
    const insert = db.prepare<[string, string, number]>('INSERT INTO projection VALUES (?, ?, ?)');
    const inner = new SqliteInbox(db, 'bench');
    const inbox: Inbox = {
      applyBatchOnce: (events, effect) => {
        const applied = inner.applyBatchOnce(events, effect);
        const at = nowMs();
        for (const event of events as unknown as EventEnvelope[]) {
          const sentAt = (event.data as { sentAt: number }).sentAt;
          if (sentAt > 0) this.latenciesMs.push(at - sentAt);
        }
        this.projected += applied;
        this.lastProjectedAt = at;
        return applied;
      },
    };
    this.consumer = new KafkajsConsumerFactory(client, { maxWaitTimeMs: 100 }).create({
      groupId: `bench-${randomUUID()}`,
      topics: [topic],
      inbox,
      apply: (event) => void insert.run(event.eventId, event.streamId, event.revision),
    });
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }
}

/**
 * Appends `rate` events per second for `seconds`, in appends of `perAppend` events to rotating
 * streams, each event stamped with the time its append was called.
 */
export async function pacedAppends(store: EventStore, type: string, rate: number, seconds: number, perAppend = 1): Promise<number> {
  const appends = Math.round((rate * seconds) / perAppend);
  const intervalMs = (1000 * perAppend) / rate;
  const start = nowMs();
  const pending: Array<Promise<unknown>> = [];
  for (let i = 0; i < appends; i += 1) {
    const due = start + i * intervalMs;
    const wait = due - nowMs();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(store.append(`bench-${randomUUID()}`, benchEvents(type, perAppend, nowMs()), 'no-stream'));
  }
  await Promise.all(pending);
  return appends * perAppend;
}

/** Resolves once `check` holds, polling every `everyMs`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000, everyMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
