/** Injection token for the {@link KafkaHealth} port. */
export const KAFKA_HEALTH = Symbol('KAFKA_HEALTH');

/** Readiness probe of the message bus. */
export interface KafkaHealth {
  /** Resolves when the cluster answers within a short timeout; rejects otherwise. */
  ping(): Promise<void>;
}
