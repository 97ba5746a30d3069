import type { Consumer, EachBatchPayload, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import type { OutgoingRecord } from '../consumer/dead-letter';
import { ApplyFailedError, PoisonTracker, processBatch, type BatchOutcome } from '../consumer/process-batch';
import type { ConsumerOptions, EventConsumer } from '../ports/event-consumer.port';
import type { KafkaLogEntry } from '../ports/logger.port';
import type { KafkaClient } from './kafka-client';

/** Client tuning shared by the consumers of a {@link KafkajsConsumerFactory}. */
export interface KafkajsConsumerSettings {
  /** Longest a fetch waits for new records; also bounds how long `stop()` waits. Default 1000 ms. */
  readonly maxWaitTimeMs?: number;
  /** Default 30 000 ms. */
  readonly sessionTimeoutMs?: number;
  /** Default 3000 ms. */
  readonly heartbeatIntervalMs?: number;
}

/**
 * One group member. Each batch: decode, apply the good events through the inbox, park the bad
 * records on the dead-letter topic, then resolve and commit the offset explicitly (offset + 1)
 * and heartbeat. If applying throws, nothing is committed or resolved and the error goes back
 * to kafkajs, which fetches the batch again (and restarts the consumer after its retries).
 */
export class KafkajsEventConsumer implements EventConsumer {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private stopping = false;
  private inFlight: Promise<unknown> = Promise.resolve();
  /** Kept across redeliveries and revivals: counts how often each poison event has failed. */
  private readonly poison: PoisonTracker;

  constructor(
    private readonly client: KafkaClient,
    private readonly options: ConsumerOptions,
    private readonly settings: KafkajsConsumerSettings = {},
  ) {
    this.poison = new PoisonTracker(options.maxApplyAttempts);
  }

  async start(): Promise<void> {
    if (this.consumer) throw new Error(`Consumer of group ${this.options.groupId} is already started`);
    this.stopping = false;
    const consumer = this.client.kafka.consumer({
      groupId: this.options.groupId,
      maxWaitTimeInMs: this.settings.maxWaitTimeMs ?? 1000,
      sessionTimeout: this.settings.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.settings.heartbeatIntervalMs ?? 3000,
      retry: this.client.retry,
    });
    // Not idempotent: a dead letter written twice after a retry is harmless, and this keeps
    // the producer free of sequence state to repair.
    const producer = this.client.kafka.producer({
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: this.client.retry,
    });
    this.consumer = consumer;
    this.producer = producer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopping || this.consumer !== consumer) return;
      // kafkajs gives up after its retries (a broker away longer than they last): a member that
      // stays down would leave its partitions unread for good, so it is started again here.
      this.log('error', 'consumer crashed and kafkajs will not restart it; starting it again', { error: payload.error.name });
      void this.revive();
    });
    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 1,
        eachBatch: (payload) => this.track(payload),
      });
    } catch (error) {
      await this.shutdown();
      throw error;
    }
  }

  async stop(): Promise<void> {
    // Also between a crash and its revival (no member then): the revival must not start one.
    this.stopping = true;
    if (!this.consumer) return;
    // Let the batch in hand commit while kafkajs still runs: it drops commits once stopping.
    await this.inFlight;
    await this.shutdown();
  }

  /** Replaces a crashed member, with backoff, until it runs again or the consumer is stopped. */
  private async revive(): Promise<void> {
    await this.shutdown().catch(() => undefined);
    for (let attempt = 1; !this.stopping; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * 2 ** attempt)));
      if (this.stopping) return;
      try {
        await this.start();
        this.log('warn', 'consumer started again after a crash', { attempt });
        return;
      } catch (error) {
        this.log('warn', 'consumer could not start again yet', { attempt, error: errorName(error) });
      }
    }
  }

  private track(payload: EachBatchPayload): Promise<void> {
    const handled = this.handle(payload);
    this.inFlight = handled.catch(() => undefined);
    return handled;
  }

  private async handle(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const consumer = this.consumer;
    if (!consumer || this.stopping || !payload.isRunning() || payload.isStale()) return;
    const { topic, partition } = batch;
    let outcome: BatchOutcome;
    try {
      outcome = processBatch({
        topic,
        partition,
        records: batch.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers, offset: m.offset })),
        inbox: this.options.inbox,
        apply: this.options.apply,
        decode: this.options.decode,
        poison: this.poison,
      });
    } catch (error) {
      if (error instanceof ApplyFailedError) {
        this.log('error', `apply failed; the batch will be delivered again (a poison event is parked after ${this.poison.maxAttempts} failures)`, {
          topic, partition, offset: error.firstOffset, error: errorName(error.failure),
        });
      }
      throw error;
    }
    if (outcome.deadLetterRecords.length > 0) await this.park(outcome.deadLetterRecords);
    const lastOffset = batch.lastOffset();
    const next = BigInt(lastOffset) + 1n;
    payload.resolveOffset(lastOffset);
    await consumer.commitOffsets([{ topic, partition, offset: next.toString() }]);
    for (const letter of outcome.deadLetters) {
      this.log('warn', 'record moved to the dead-letter topic', { ...letter });
      this.notify(() => this.options.onDeadLetter?.(letter));
    }
    this.notify(() => this.options.onProcessed?.(outcome.counts));
    const lag = Number(BigInt(batch.highWatermark) - next);
    this.notify(() => this.options.onLag?.(topic, partition, Math.max(0, lag)));
    await payload.heartbeat();
  }

  private async park(records: readonly OutgoingRecord[]): Promise<void> {
    const byTopic = new Map<string, OutgoingRecord[]>();
    for (const record of records) byTopic.set(record.topic, [...(byTopic.get(record.topic) ?? []), record]);
    await this.producer!.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({
        topic,
        messages: messages.map(({ key, value, headers }) => ({ key, value, headers })),
      })),
    });
  }

  /** Runs a caller's callback; its failure must not undo or repeat a committed batch. */
  private notify(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.log('warn', 'consumer callback threw', { error: errorName(error) });
    }
  }

  private async shutdown(): Promise<void> {
    const { consumer, producer } = this;
    this.consumer = null;
    this.producer = null;
    try {
      await consumer?.disconnect();
    } finally {
      await producer?.disconnect();
    }
  }

  private log(level: KafkaLogEntry['level'], msg: string, fields: Record<string, string | number>): void {
    this.client.log({ level, namespace: 'consumer', msg, groupId: this.options.groupId, ...fields });
  }
}

/** Only the error's class: a message might quote the personal data it choked on. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
