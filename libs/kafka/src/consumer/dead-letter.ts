import type { RawHeaderValue, RawRecord } from '../codec/record';
import { deadLetterTopic } from '../topics/topic-names';

/** Headers added to a record parked on a dead-letter topic. */
export const DEAD_LETTER_HEADERS = {
  reason: 'dead-letter-reason',
  sourceTopic: 'source-topic',
  sourcePartition: 'source-partition',
  sourceOffset: 'source-offset',
} as const;

/** A record read from a partition, with its offset. */
export interface SourceRecord extends RawRecord {
  /** Decimal string: Kafka offsets are 64-bit. */
  readonly offset: string;
}

/** A record to produce, in the shape clients accept. */
export interface OutgoingRecord {
  readonly topic: string;
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly headers: Record<string, Buffer | string | Array<Buffer | string>>;
}

function copyHeaders(headers: RawRecord['headers']): Record<string, Buffer | string | Array<Buffer | string>> {
  const copy: Record<string, Buffer | string | Array<Buffer | string>> = {};
  for (const [name, value] of Object.entries(headers ?? {}) as Array<[string, RawHeaderValue]>) {
    if (value === undefined) continue;
    copy[name] = typeof value === 'string' || Buffer.isBuffer(value) ? value : [...value];
  }
  return copy;
}

/**
 * The dead-letter copy of an undecodable record: same key, value and headers (bytes untouched,
 * so it can be inspected or replayed), plus why and where it came from.
 */
export function deadLetterRecord(topic: string, partition: number, record: SourceRecord, reason: string): OutgoingRecord {
  return {
    topic: deadLetterTopic(topic),
    key: record.key ?? null,
    value: record.value ?? null,
    headers: {
      ...copyHeaders(record.headers),
      [DEAD_LETTER_HEADERS.reason]: reason,
      [DEAD_LETTER_HEADERS.sourceTopic]: topic,
      [DEAD_LETTER_HEADERS.sourcePartition]: String(partition),
      [DEAD_LETTER_HEADERS.sourceOffset]: record.offset,
    },
  };
}
