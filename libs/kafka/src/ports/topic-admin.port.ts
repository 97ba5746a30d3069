/** Injection token for the {@link TopicAdmin} port. */
export const TOPIC_ADMIN = Symbol('TOPIC_ADMIN');

/** Topic provisioning, so a consumer can start before the first event was ever published. */
export interface TopicAdmin {
  /** Creates the topics that do not exist yet; idempotent. */
  ensureTopics(topics: readonly string[], partitions?: number): Promise<void>;
}
