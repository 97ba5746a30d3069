import type { EventEnvelope } from '@border-ledger/event-store';
import { decodeRecord, type DecodeResult } from '../codec/decode-record';
import type { RawRecord } from '../codec/record';
import type { DeadLetter, ProcessedCounts } from '../ports/event-consumer.port';
import type { Inbox } from '../ports/inbox.port';
import { deadLetterRecord, type OutgoingRecord, type SourceRecord } from './dead-letter';

/** Raised when the consumer's `apply` (or the inbox transaction around it) throws. */
export class ApplyFailedError extends Error {
  readonly code = 'APPLY_FAILED';
  /** Tells a client's retry logic this is worth retrying (the batch is redelivered). */
  readonly retriable = true;
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly firstOffset: string,
    /** What `apply` threw; not `cause`, so clients that walk causes see this error as retriable. */
    readonly failure: unknown,
  ) {
    // Only the class of the failure: its message may quote personal data, and kafkajs logs ours.
    const kind = failure instanceof Error ? failure.name : typeof failure;
    super(`Applying ${topic}[${partition}] from offset ${firstOffset} failed: ${kind}`);
    this.name = 'ApplyFailedError';
  }
}

/** What to do after a batch was applied: park the bad records, then commit and report. */
export interface BatchOutcome {
  readonly counts: ProcessedCounts;
  readonly deadLetterRecords: readonly OutgoingRecord[];
  readonly deadLetters: readonly DeadLetter[];
}

/** One partition's records, in offset order, and what to apply them with. */
export interface BatchInput {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly SourceRecord[];
  readonly inbox: Inbox;
  readonly apply: (event: EventEnvelope) => void;
  /** Default {@link decodeRecord}. */
  readonly decode?: (record: RawRecord) => DecodeResult;
}

/**
 * Decodes a batch, applies the good events through the inbox in one transaction (so an event
 * id seen before is skipped) and returns the dead-letter records for the bad ones. Applying
 * comes first: if it throws ({@link ApplyFailedError}) nothing has been produced yet, so a
 * redelivered batch does not park its bad records twice.
 */
export function processBatch(input: BatchInput): BatchOutcome {
  const { topic, partition, records } = input;
  const events: EventEnvelope[] = [];
  const deadLetterRecords: OutgoingRecord[] = [];
  const deadLetters: DeadLetter[] = [];
  for (const record of records) {
    const decoded = (input.decode ?? decodeRecord)(record);
    if (decoded.ok) {
      events.push(decoded.envelope);
      continue;
    }
    const parked = deadLetterRecord(topic, partition, record, decoded.reason);
    deadLetterRecords.push(parked);
    deadLetters.push({ topic, partition, offset: record.offset, reason: decoded.reason, deadLetterTopic: parked.topic });
  }
  let applied = 0;
  if (events.length > 0) {
    try {
      applied = input.inbox.applyBatchOnce(events, input.apply);
    } catch (error) {
      throw new ApplyFailedError(topic, partition, records[0]?.offset ?? '?', error);
    }
  }
  return {
    counts: { applied, duplicates: events.length - applied, deadLettered: deadLetterRecords.length },
    deadLetterRecords,
    deadLetters,
  };
}
