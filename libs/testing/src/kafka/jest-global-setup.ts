import { startKafkaBroker } from './kafka-broker';

/**
 * Jest global setup: starts one real Kafka broker for the whole run, unless `KAFKA_BROKERS`
 * already points at one. Exports `KAFKA_BROKERS` (and `KAFKA_BROKER_DIR` for tests that stop
 * and restart it) to the test workers, which inherit this process's environment.
 * `KAFKA_LINE=kafka4` selects the Kafka 4.x line.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.KAFKA_BROKERS) return;
  const startedAt = Date.now();
  const handle = await startKafkaBroker({ kafka4: process.env.KAFKA_LINE === 'kafka4' });
  globalThis.__KAFKA_BROKER__ = handle;
  process.env.KAFKA_BROKERS = handle.brokers.join(',');
  process.env.KAFKA_BROKER_DIR = handle.dir;
  process.stderr.write(
    `\nKafka broker ${process.env.KAFKA_BROKERS} ready in ${((Date.now() - startedAt) / 1000).toFixed(1)}s (${handle.dir})\n`,
  );
}
