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
    const wanted = [...new Set(topics)];
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      const brokers = (await admin.describeCluster()).brokers.length;
      const replicationFactor = this.options.replicationFactor ?? Math.max(1, Math.min(3, brokers));
      const minInSync = replicationFactor >= 3 ? 2 : 1;
      await admin.createTopics({
        // Not kafkajs' wait: it retries only LEADER_NOT_AVAILABLE and gives up on the
        // UNKNOWN_TOPIC_OR_PARTITION a just-created topic can answer with (seen in CI); our own
        // wait below tolerates both.
        waitForLeaders: false,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitions,
          replicationFactor,
          configEntries: [{ name: 'min.insync.replicas', value: String(minInSync) }],
        })),
      });
    }
    // Always, for every topic asked: one that "exists" may have been created a moment ago by another
    // process (services of a node start together) and have no leader yet; and when some of a batch
    // existed, kafkajs returns without waiting for the rest. A consumer subscribing to a topic without
    // leaders fails on UNKNOWN_TOPIC_OR_PARTITION.
    await this.waitForLeaders(admin, wanted);
    return missing;
  }

  /** Polls the topics' metadata until every partition of each has a leader. */
  private async waitForLeaders(admin: Admin, topics: readonly string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ready = await admin
        .fetchTopicMetadata({ topics: [...topics] })
        .then(async (metadata) => {
          if (metadata.topics.length !== topics.length || !metadata.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return false;
          // The leaders answer for their partitions (ListOffsets goes to each leader), not only the metadata.
          await Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic)));
          return true;
        })
        .catch(() => false); // not known to this broker yet
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for the leaders of ${topics.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
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
