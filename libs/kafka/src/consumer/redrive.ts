import { isEventTopic } from '../topics/topic-names';
import { DEAD_LETTER_HEADERS, type OutgoingRecord, type SourceRecord } from './dead-letter';

/** Header a redriven record carries: the dead-letter topic and offset it came back from. */
export const REDRIVEN_FROM_HEADER = 'redriven-from';

/** What to send back, and what not. */
export interface RedriveFilter {
  /** Only records whose `dead-letter-reason` starts with this. Default `apply failed` (poison events). */
  readonly reasonPrefix?: string;
}

export type RedriveDecision =
  | { readonly kind: 'redrive'; readonly record: OutgoingRecord; readonly reason: string }
  | { readonly kind: 'skip'; readonly why: string };

export const DEFAULT_REDRIVE_PREFIX = 'apply failed';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : undefined;

/**
 * The source-topic copy of a dead-lettered record: same key, value and headers as when it was
 * parked, minus the dead-letter headers, plus where it came back from. Consumers deduplicate by
 * event id, so a record redriven twice is applied once. Records parked for another reason (an
 * undecodable one would only be parked again) or without a valid source topic are skipped.
 */
export function redriveRecord(dlqTopic: string, record: SourceRecord, filter: RedriveFilter = {}): RedriveDecision {
  const headers = record.headers ?? {};
  const reason = text(headers[DEAD_LETTER_HEADERS.reason]);
  const source = text(headers[DEAD_LETTER_HEADERS.sourceTopic]);
  const prefix = filter.reasonPrefix ?? DEFAULT_REDRIVE_PREFIX;
  if (reason === undefined) return { kind: 'skip', why: 'no dead-letter reason' };
  if (!reason.startsWith(prefix)) return { kind: 'skip', why: `reason "${reason}" is not "${prefix}…"` };
  if (source === undefined || !isEventTopic(source) || `${source}.dlq` !== dlqTopic) return { kind: 'skip', why: 'no valid source topic' };
  const dropped = new Set<string>(Object.values(DEAD_LETTER_HEADERS));
  const kept: OutgoingRecord['headers'] = {};
  for (const [name, value] of Object.entries(headers)) {
    if (dropped.has(name) || value === undefined) continue;
    kept[name] = typeof value === 'string' || Buffer.isBuffer(value) ? value : [...value];
  }
  kept[REDRIVEN_FROM_HEADER] = `${dlqTopic}@${record.offset}`;
  return { kind: 'redrive', reason, record: { topic: source, key: record.key ?? null, value: record.value ?? null, headers: kept } };
}
