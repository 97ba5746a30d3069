import type { Admin } from 'kafkajs';
import type { KafkaHealth } from '../ports/kafka-health.port';
import { assertTopicNames } from '../topics/topic-names';
import type { KafkaClient } from './kafka-client';

/** Options of {@link KafkajsAdmin}. */
export interface KafkajsAdminOptions {
  /** How long {@link KafkajsAdmin.ping} waits for the cluster. Default 2000 ms. */
  readonly pingTimeoutMs?: number;
  /** Replicas of created topics. Default: 3, or fewer when the cluster has fewer brokers. */
  readonly replicationFactor?: number;
}

/** Thrown by {@link KafkajsAdmin.ping} when the cluster does not answer in time. */
export class KafkaUnavailableError extends Error {
  readonly code = 'KAFKA_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'KafkaUnavailableError';
  }
}

/** Topic provisioning and the readiness probe. */
export class KafkajsAdmin implements KafkaHealth {
  private admin: Promise<Admin> | null = null;

  constructor(
    private readonly client: KafkaClient,
    private readonly options: KafkajsAdminOptions = {},
  ) {}

  /**
   * Creates the topics that do not exist yet, with `partitions` partitions, and waits for their
   * leaders. Idempotent: existing topics are left as they are (partitions are never changed).
   * With 3 or more replicas, `min.insync.replicas` is 2 so that `acks: -1` survives one loss.
   * @returns the topics it created.
   */
  async ensureTopics(topics: readonly string[], partitions = 3): Promise<string[]> {
    assertTopicNames(topics, { allowDeadLetter: true });
    if (!Number.isSafeInteger(partitions) || partitions < 1) throw new Error(`Invalid partition count ${partitions}`);
    const admin = await this.connected();
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length === 0) return [];
    const brokers = (await admin.describeCluster()).brokers.length;
    const replicationFactor = this.options.replicationFactor ?? Math.max(1, Math.min(3, brokers));
    const minInSync = replicationFactor >= 3 ? 2 : 1;
    // Returns false when another process created them first: fine, they exist.
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: partitions,
        replicationFactor,
        configEntries: [{ name: 'min.insync.replicas', value: String(minInSync) }],
      })),
    });
    return missing;
  }

  /** Resolves when the cluster describes itself within the timeout. */
  async ping(): Promise<void> {
    const timeoutMs = this.options.pingTimeoutMs ?? 2000;
    const probe = this.connected().then(async (admin) => {
      const { brokers } = await admin.describeCluster();
      if (brokers.length === 0) throw new KafkaUnavailableError('Kafka cluster reports no brokers');
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new KafkaUnavailableError(`Kafka did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    probe.catch(() => undefined); // may settle after the timeout won
    try {
      await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    if (admin) await (await admin.catch(() => null))?.disconnect();
  }

  private connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.client.kafka.admin();
      this.admin = admin.connect().then(
        () => admin,
        async (error: unknown) => {
          this.admin = null; // next call tries again
          await admin.disconnect().catch(() => undefined);
          throw error;
        },
      );
    }
    return this.admin;
  }
}
