import { randomUUID } from 'node:crypto';
import { openSqlite, SqliteInbox, type EventEnvelope, type SqliteDatabase } from '@border-ledger/event-store';
import {
  createKafkaClient,
  KafkajsAdmin,
  KafkajsConsumerFactory,
  withDeadLetterTopics,
  type EventConsumer,
  type Inbox,
} from '@border-ledger/kafka';
import { seqOf, type Numbered } from './sequences';

/** What a case must show: nothing lost, nothing applied twice, every stream in order. */
export interface Verdict {
  readonly events: number;
  readonly lost: number;
  readonly appliedTwice: number;
  readonly orderViolations: number;
}

/**
 * A read model that records every (stream, seq) it applies, one row per application (no unique
 * key, so an event applied twice shows as two rows), in the inbox's transaction.
 */
export class AppliedLog {
  readonly inbox: SqliteInbox;
  private readonly insert;

  constructor(readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS applied (n INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_id TEXT NOT NULL, seq INTEGER NOT NULL, event_id TEXT NOT NULL)`);
    this.inbox = new SqliteInbox(db, 'fault-checker');
    this.insert = db.prepare<[string, number, string]>('INSERT INTO applied (stream_id, seq, event_id) VALUES (?, ?, ?)');
  }

  readonly apply = (event: EventEnvelope): void => {
    this.insert.run(event.streamId, seqOf(event), event.eventId);
  };

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM applied').get() as { n: number }).n;
  }

  /** Compares what was applied, in application order, with what the store holds. */
  verdict(expected: readonly Numbered[]): Verdict {
    const rows = this.db.prepare('SELECT stream_id, seq, event_id FROM applied ORDER BY n').all() as Array<{
      stream_id: string;
      seq: number;
      event_id: string;
    }>;
    const times = new Map<string, number>();
    const last = new Map<string, number>();
    let orderViolations = 0;
    for (const row of rows) {
      times.set(row.event_id, (times.get(row.event_id) ?? 0) + 1);
      const previous = last.get(row.stream_id);
      if (previous !== undefined && row.seq < previous) orderViolations += 1;
      last.set(row.stream_id, row.seq);
    }
    const appliedTwice = [...times.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const lost = expected.filter((event) => !times.has(event.eventId)).length;
    return { events: expected.length, lost, appliedTwice, orderViolations };
  }
}

/** A checking consumer in this process: the kafka lib's consumer, applying into an {@link AppliedLog}. */
export async function startChecker(
  brokers: readonly string[],
  topics: readonly string[],
  wrapInbox: (inbox: Inbox) => Inbox = (inbox) => inbox,
): Promise<{ log: AppliedLog; consumer: EventConsumer; close(): Promise<void> }> {
  const client = createKafkaClient({
    brokers,
    clientId: `fault-checker-${randomUUID().slice(0, 8)}`,
    retry: { retries: 8, initialRetryTimeMs: 200, maxRetryTimeMs: 2000 },
    log: () => undefined, // the broker outage makes it noisy; the verdict is what counts
  });
  const admin = new KafkajsAdmin(client);
  await admin.ensureTopics(withDeadLetterTopics(topics));
  await admin.close();
  const log = new AppliedLog(openSqlite(':memory:'));
  // The broker's minimum session (6 s): a restarted member is not kept waiting 30 s.
  const factory = new KafkajsConsumerFactory(client, { maxWaitTimeMs: 200, sessionTimeoutMs: 6000, heartbeatIntervalMs: 1000 });
  const consumer = factory.create({ groupId: `fault-checker-${randomUUID()}`, topics, inbox: wrapInbox(log.inbox), apply: log.apply });
  await consumer.start();
  return {
    log,
    consumer,
    close: async () => {
      await consumer.stop();
      log.db.close();
    },
  };
}

/** One line per case on stdout, the figures the issue asks for. */
export function printCase(name: string, verdict: Verdict, rawDuplicates: number, detail = ''): void {
  process.stdout.write(
    `[faults] ${name}: events ${verdict.events}, events lost ${verdict.lost}, events applied twice ${verdict.appliedTwice}, ` +
      `per-stream order violations ${verdict.orderViolations}, raw duplicates seen on the wire ${rawDuplicates}` +
      `${detail ? `; ${detail}` : ''}\n`,
  );
}
