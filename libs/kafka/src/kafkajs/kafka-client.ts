import { Kafka, type RetryOptions } from 'kafkajs';
import { jsonLineSink, type KafkaLogLevel, type KafkaLogSink } from '../ports/logger.port';
import { kafkajsLogCreator, toKafkajsLevel } from './kafkajs-log';
import { kafkajsSecurityOptions, type KafkaSecurity } from './kafka-security';

/** Retries of one client request (connect, metadata, produce, commit). */
export interface KafkaRetrySettings {
  /** Default 5. */
  readonly retries?: number;
  /** First delay; doubles with jitter. Default 300 ms. */
  readonly initialRetryTimeMs?: number;
  /** Cap of one delay. Default 30 000 ms. */
  readonly maxRetryTimeMs?: number;
}

/** Configuration of {@link createKafkaClient}. */
export interface KafkaClientConfig {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  /** Names this node in broker logs and quotas, e.g. `th-edge-1`. */
  readonly clientId: string;
  readonly retry?: KafkaRetrySettings;
  /** Default 3000 ms. */
  readonly connectionTimeoutMs?: number;
  /** Default 30 000 ms. */
  readonly requestTimeoutMs?: number;
  /** Lowest level logged. Default `warn`. */
  readonly logLevel?: KafkaLogLevel;
  /** Where log entries go. Default: JSON lines on stdout. */
  readonly log?: KafkaLogSink;
  /** SASL/SCRAM and (mutual) TLS, e.g. from `readKafkaSecurity(process.env)`. Default: PLAINTEXT. */
  readonly security?: KafkaSecurity;
}

/** A configured client shared by the publisher, consumer factory and admin of one process. */
export interface KafkaClient {
  readonly kafka: Kafka;
  readonly clientId: string;
  readonly retry: RetryOptions;
  /** The configured sink, filtered to the configured level. */
  readonly log: KafkaLogSink;
}

/**
 * Creates the Kafka client: brokers, client id, retry policy, security (SASL/SCRAM, TLS), and
 * kafkajs logging mapped to warn/error and routed to a structured sink that never sees record
 * contents or credentials.
 */
export function createKafkaClient(config: KafkaClientConfig): KafkaClient {
  if (config.brokers.length === 0) throw new Error('Kafka client needs at least one broker');
  if (!config.clientId) throw new Error('Kafka client needs a client id');
  const level = config.logLevel ?? 'warn';
  const sink = config.log ?? jsonLineSink;
  const log: KafkaLogSink = (entry) => {
    if (level === 'warn' || entry.level === 'error') sink(entry);
  };
  const retry: RetryOptions = {
    retries: config.retry?.retries ?? 5,
    initialRetryTime: config.retry?.initialRetryTimeMs ?? 300,
    maxRetryTime: config.retry?.maxRetryTimeMs ?? 30_000,
  };
  const kafka = new Kafka({
    brokers: [...config.brokers],
    clientId: config.clientId,
    retry,
    connectionTimeout: config.connectionTimeoutMs ?? 3000,
    requestTimeout: config.requestTimeoutMs ?? 30_000,
    logLevel: toKafkajsLevel(level),
    logCreator: kafkajsLogCreator(log),
    ...kafkajsSecurityOptions(config.security ?? {}),
  });
  return { kafka, clientId: config.clientId, retry, log };
}
