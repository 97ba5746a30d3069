import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

/** One record as it sits in the topic, before any consumer deduplicates it. */
export interface WireRecord {
  readonly topic: string;
  readonly partition: number;
  readonly eventId: string;
  readonly position: number;
}

function kafka(brokers: readonly string[]): Kafka {
  return new Kafka({ brokers: [...brokers], clientId: 'fault-wire-reader', logLevel: logLevel.NOTHING });
}

/** High watermark per `topic:partition`: how many records each partition holds (nothing is deleted here). */
async function highWatermarks(client: Kafka, topics: readonly string[]): Promise<Map<string, number>> {
  const admin = client.admin();
  await admin.connect();
  try {
    const marks = new Map<string, number>();
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) marks.set(`${topic}:${p.partition}`, Number(p.high));
    }
    return marks;
  } finally {
    await admin.disconnect();
  }
}

/** How many records `topics` hold right now. */
export async function recordsOnWire(brokers: readonly string[], topics: readonly string[]): Promise<number> {
  return [...(await highWatermarks(kafka(brokers), topics)).values()].reduce((a, b) => a + b, 0);
}

/** Reads every record `topics` hold now, raw: duplicates the consumers' inboxes hide are visible here. */
export async function readWire(brokers: readonly string[], topics: readonly string[], timeoutMs = 60_000): Promise<WireRecord[]> {
  const client = kafka(brokers);
  const marks = await highWatermarks(client, topics);
  const missing = new Set([...marks].filter(([, high]) => high > 0).map(([key]) => key));
  const records: WireRecord[] = [];
  const next = new Map<string, number>(); // a batch fetched again (rebalance) is not counted twice
  if (missing.size === 0) return records;
  const consumer = client.consumer({ groupId: `fault-wire-${randomUUID()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    let finish = (): void => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}:${batch.partition}`;
        const high = marks.get(key) ?? 0;
        for (const m of batch.messages) {
          if (Number(m.offset) >= high) break;
          if (Number(m.offset) < (next.get(key) ?? 0)) continue;
          next.set(key, Number(m.offset) + 1);
          const header = (name: string): string => String(m.headers?.[name] ?? '');
          records.push({ topic: batch.topic, partition: batch.partition, eventId: header('event-id'), position: Number(header('position')) });
          if (Number(m.offset) === high - 1) missing.delete(key);
        }
        if (missing.size === 0) finish();
      },
    });
    const timer = setTimeout(finish, timeoutMs);
    await finished;
    clearTimeout(timer);
    if (missing.size > 0) throw new Error(`could not read ${[...missing].join(', ')} to its end within ${timeoutMs} ms`);
    return records;
  } finally {
    await consumer.disconnect();
  }
}

/** Records beyond the first copy of each event. */
export function rawDuplicates(records: readonly WireRecord[]): number {
  return records.length - new Set(records.map((r) => r.eventId)).size;
}
