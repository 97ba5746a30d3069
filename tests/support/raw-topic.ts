import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export interface RawRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/**
 * Reads a topic from offset zero, as raw records, until `done(records)` holds or the timeout
 * passes. Tests read the wire directly to see duplicates the consumers hide.
 */
export async function readTopic(
  brokers: string[],
  topic: string,
  done: (records: RawRecord[]) => boolean,
  timeoutMs = 60_000,
): Promise<RawRecord[]> {
  const kafka = new Kafka({ brokers, clientId: 'system-test-reader', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `raw-reader-${randomUUID()}` });
  const records: RawRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        records.push({ partition, offset: message.offset, key: String(message.key), value: String(message.value), headers });
        if (done(records)) finish();
      },
    });
    const timer = setTimeout(finish, timeoutMs);
    await finished;
    clearTimeout(timer);
    return records;
  } finally {
    await consumer.disconnect();
  }
}
