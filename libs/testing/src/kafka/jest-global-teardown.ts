import { rmSync } from 'node:fs';
import type { KafkaBrokerHandle } from './kafka-broker';

/**
 * Jest global teardown: stops the broker started by the global setup, if it started one.
 */
export default async function globalTeardown(): Promise<void> {
  const handle: KafkaBrokerHandle | undefined = globalThis.__KAFKA_BROKER__;
  if (!handle) return;
  globalThis.__KAFKA_BROKER__ = undefined;
  await handle.stop();
  // The broker's data is throwaway: leave nothing behind in the temp folder.
  rmSync(handle.dir, { recursive: true, force: true });
}
