/** Severity of a {@link KafkaLogEntry}; only problems are logged. */
export type KafkaLogLevel = 'warn' | 'error';

/**
 * One structured log line from this library or the Kafka client underneath. Fields are limited
 * to identifiers (topic, partition, group, broker, error name and message): never record keys,
 * values or headers, which may carry personal data.
 */
export interface KafkaLogEntry {
  readonly level: KafkaLogLevel;
  /** Component, e.g. `kafkajs.Consumer`, `relay`, `consumer`. */
  readonly namespace: string;
  readonly msg: string;
  readonly [field: string]: string | number | boolean | undefined;
}

/** Where log entries go, e.g. `(entry) => logger[entry.level](entry)` on the platform JSON logger. */
export type KafkaLogSink = (entry: KafkaLogEntry) => void;

/** Writes each entry as one JSON line on stdout, like the platform logger. */
export const jsonLineSink: KafkaLogSink = (entry) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};
