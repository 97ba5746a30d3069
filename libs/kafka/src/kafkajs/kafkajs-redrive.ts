import { Partitioners, type EachBatchPayload } from 'kafkajs';
import { redriveRecord } from '../consumer/redrive';
import type { OutgoingRecord } from '../consumer/dead-letter';
import type { DeadLetterRedrive, RedriveOptions, RedriveReport } from '../ports/dead-letter-redrive.port';
import { deadLetterTopic } from '../topics/topic-names';
import type { KafkaClient } from './kafka-client';

/** {@link DeadLetterRedrive} on kafkajs: a consumer group over the dead-letter topic and a producer. */
export class KafkajsDeadLetterRedrive implements DeadLetterRedrive {
  constructor(private readonly client: KafkaClient) {}

  async redrive(options: RedriveOptions): Promise<RedriveReport> {
    const dlq = deadLetterTopic(options.topic);
    const groupId = options.groupId ?? `${dlq}-redrive`;
    const dryRun = options.dryRun ?? false;
    const report = { deadLetterTopic: dlq, dryRun, read: 0, redriven: 0, skipped: [] as Array<{ offset: string; why: string }> };
    const remaining = await this.unread(dlq, groupId);
    if (remaining.size === 0) return report;

    const { kafka, retry } = this.client;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 300, retry });
    const producer = kafka.producer({ maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner, retry });
    let finish: (error?: unknown) => void = () => undefined;
    const finished = new Promise<void>((resolve, reject) => (finish = (error) => (error ? reject(error) : resolve())));
    const timer = setTimeout(() => finish(new Error(`Redrive of ${dlq} did not reach its end within ${options.timeoutMs ?? 60_000} ms`)), options.timeoutMs ?? 60_000);
    const eachBatch = async ({ batch, resolveOffset, heartbeat }: EachBatchPayload): Promise<void> => {
      const end = remaining.get(batch.partition);
      if (end === undefined) return;
      const send: OutgoingRecord[] = [];
      let last: string | undefined;
      for (const message of batch.messages) {
        if (BigInt(message.offset) >= end) break;
        report.read += 1;
        const decision = redriveRecord(dlq, { key: message.key, value: message.value, headers: message.headers, offset: message.offset }, options);
        if (decision.kind === 'redrive') send.push(decision.record);
        else report.skipped.push({ offset: message.offset, why: decision.why });
        last = message.offset;
      }
      if (last === undefined) return;
      if (!dryRun && send.length > 0) {
        await producer.send({ topic: send[0]!.topic, acks: -1, messages: send.map(({ key, value, headers }) => ({ key, value, headers })) });
      }
      report.redriven += send.length;
      resolveOffset(last);
      if (!dryRun) await consumer.commitOffsets([{ topic: dlq, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
      await heartbeat();
      if (BigInt(last) + 1n >= end) remaining.delete(batch.partition);
      if (remaining.size === 0) finish();
    };
    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics: [dlq], fromBeginning: true });
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch });
      await finished;
      return report;
    } finally {
      clearTimeout(timer);
      await consumer.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
    }
  }

  /** Per partition of the dead-letter topic, the end offset when the group has not read that far. */
  private async unread(dlq: string, groupId: string): Promise<Map<number, bigint>> {
    const admin = this.client.kafka.admin({ retry: this.client.retry });
    await admin.connect();
    try {
      // No dead-letter topic: nothing was ever parked (and asking for its offsets would retry).
      if (!(await admin.listTopics()).includes(dlq)) return new Map();
      const ends = await admin.fetchTopicOffsets(dlq);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [dlq] });
      const done = new Map((committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
      const remaining = new Map<number, bigint>();
      for (const { partition, high, low } of ends) {
        const from = done.get(partition) ?? -1n;
        const start = from >= 0n ? from : BigInt(low);
        if (start < BigInt(high)) remaining.set(partition, BigInt(high));
      }
      return remaining;
    } finally {
      await admin.disconnect();
    }
  }
}
