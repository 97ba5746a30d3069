import type { EventEnvelope } from '@border-ledger/event-store';
import { CompressionTypes, Partitioners, type Producer, type TopicMessages } from 'kafkajs';
import { encodeEnvelope } from '../codec/encode-envelope';
import { PublishFailedError, PublisherClosedError, type EventPublisher } from '../ports/event-publisher.port';
import type { OutgoingBytes, RecordPublisher } from '../ports/record-publisher.port';
import { topicForEvent } from '../topics/topic-names';
import type { KafkaClient } from './kafka-client';

/** Options of {@link KafkajsPublisher}. */
export interface KafkajsPublisherOptions {
  /**
   * Retries of one send inside the client before `publish` rejects. Default 5. Bounded on
   * purpose: the caller (the relay) then backs off, and a stuck send cannot block shutdown.
   */
  readonly sendRetries?: number;
  /** How long the leader waits for the in-sync replicas. Default 30 000 ms. */
  readonly ackTimeoutMs?: number;
  /** Topic of an event. Default: {@link topicForEvent}. */
  readonly topicFor?: (event: EventEnvelope) => string;
}

/**
 * {@link EventPublisher} on an idempotent kafkajs producer: `acks: -1` (all in-sync replicas),
 * one request in flight (so retries cannot reorder a partition), no compression, and one
 * `sendBatch` per publish with the records grouped per topic. Publishes run one at a time,
 * in call order.
 */
export class KafkajsPublisher implements EventPublisher, RecordPublisher {
  private producer: Producer | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly client: KafkaClient,
    private readonly options: KafkajsPublisherOptions = {},
  ) {}

  publish(events: readonly EventEnvelope[]): Promise<void> {
    // Encode first: an event that cannot be routed fails before anything is sent.
    return this.enqueue(() => (events.length === 0 ? Promise.resolve() : this.send(this.group(events), events.length)));
  }

  publishRecords(records: readonly OutgoingBytes[]): Promise<void> {
    return this.enqueue(() => {
      if (records.length === 0) return Promise.resolve();
      const byTopic = new Map<string, TopicMessages>();
      for (const { topic, key, value, headers } of records) {
        let entry = byTopic.get(topic);
        if (!entry) byTopic.set(topic, (entry = { topic, messages: [] }));
        entry.messages.push({ key, value, headers });
      }
      return this.send([...byTopic.values()], records.length);
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    if (this.closed) return Promise.reject(new PublisherClosedError());
    const sent = this.queue.then(work);
    this.queue = sent.catch(() => undefined);
    return sent;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect();
  }

  private async send(topicMessages: TopicMessages[], count: number): Promise<void> {
    let producer: Producer;
    try {
      producer = await this.connected();
    } catch (error) {
      throw new PublishFailedError(count, error);
    }
    try {
      await producer.sendBatch({
        topicMessages,
        acks: -1,
        compression: CompressionTypes.None,
        timeout: this.options.ackTimeoutMs ?? 30_000,
      });
    } catch (error) {
      // Unknown outcome: the producer's sequence numbers may no longer match the broker's.
      // A new producer gets a new producer id; records it sends again are deduplicated by
      // the consumers' inboxes.
      await this.discard(producer, error);
      throw new PublishFailedError(count, error);
    }
  }

  private group(events: readonly EventEnvelope[]): TopicMessages[] {
    const topicFor = this.options.topicFor ?? topicForEvent;
    const byTopic = new Map<string, TopicMessages>();
    for (const event of events) {
      const topic = topicFor(event);
      let entry = byTopic.get(topic);
      if (!entry) byTopic.set(topic, (entry = { topic, messages: [] }));
      entry.messages.push(encodeEnvelope(event));
    }
    return [...byTopic.values()];
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.client.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // Murmur2 on the key, like the Java client: a stream's partition does not depend on the client.
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { ...this.client.retry, retries: this.options.sendRetries ?? 5 },
    });
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
    return producer;
  }

  private async discard(producer: Producer, error: unknown): Promise<void> {
    this.producer = null;
    this.client.log({
      level: 'warn',
      namespace: 'publisher',
      msg: 'send failed with an unknown outcome; the producer will be re-created',
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    await producer.disconnect().catch(() => undefined);
  }
}
