import { logLevel, type logCreator, type LogEntry } from 'kafkajs';
import type { KafkaLogEntry, KafkaLogLevel, KafkaLogSink } from '../ports/logger.port';

// kafkajs puts identifiers in these fields; anything else (stacks, request payloads) is dropped.
const SAFE_FIELDS = [
  'broker', 'clientId', 'groupId', 'memberId', 'generationId', 'topic', 'partition', 'nodeId',
  'retryCount', 'retryTime', 'restart', 'type', 'code',
] as const;
const MAX_TEXT = 300;

/** The kafkajs threshold for our level: only warnings and errors ever reach the sink. */
export function toKafkajsLevel(level: KafkaLogLevel): logLevel {
  return level === 'error' ? logLevel.ERROR : logLevel.WARN;
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/**
 * Maps a kafkajs log entry to ours, keeping only identifier fields, so record contents never
 * reach the logs. Returns null for levels below warn.
 */
export function toLogEntry(entry: LogEntry): KafkaLogEntry | null {
  const level = entry.level === logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : null;
  if (!level) return null;
  const fields: Record<string, string | number | boolean> = {};
  const log = entry.log as Record<string, unknown>;
  for (const name of SAFE_FIELDS) {
    const value = log[name];
    if (typeof value === 'string') fields[name] = clip(value);
    else if (typeof value === 'number' || typeof value === 'boolean') fields[name] = value;
  }
  const error = log['error'];
  if (typeof error === 'string') fields['error'] = clip(error);
  else if (error instanceof Error) fields['error'] = clip(`${error.name}: ${error.message}`);
  return { ...fields, level, namespace: `kafkajs.${entry.namespace || 'client'}`, msg: clip(String(entry.log.message)) };
}

/** A kafkajs `logCreator` that routes entries to `sink`. */
export function kafkajsLogCreator(sink: KafkaLogSink): logCreator {
  return () => (entry) => {
    const mapped = toLogEntry(entry);
    if (mapped) sink(mapped);
  };
}
