import type { KafkaBrokerHandle } from './kafka-broker';

/**
 * Jest global teardown: stops the broker started by the global setup, if it started one.
 */
export default async function globalTeardown(): Promise<void> {
  const handle: KafkaBrokerHandle | undefined = globalThis.__KAFKA_BROKER__;
  if (!handle) return;
  globalThis.__KAFKA_BROKER__ = undefined;
  await handle.stop();
}
