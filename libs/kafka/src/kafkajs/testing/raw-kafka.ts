import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka } from 'kafkajs';

/** A record as read by a plain kafkajs consumer, bytes decoded as UTF-8. */
export interface RawRead {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Record<string, string>;
}

function headersAsText(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}

/** Reads the first `count` records of `topic` with a throwaway group, then disconnects. */
export async function readTopic(kafka: Kafka, topic: string, count: number): Promise<RawRead[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
  const read: RawRead[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          read.push({
            partition,
            offset: message.offset,
            key: message.key?.toString('utf8') ?? null,
            value: message.value?.toString('utf8') ?? null,
            headers: headersAsText(message.headers),
          });
          if (read.length >= count) resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return read;
}

/** Committed offset per partition of `topic` for `groupId` (`-1`: nothing committed). */
export async function committedOffsets(kafka: Kafka, groupId: string, topic: string): Promise<Record<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries(entry.partitions.map(({ partition, offset }) => [partition, offset]));
  } finally {
    await admin.disconnect();
  }
}
