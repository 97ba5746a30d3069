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
  /**
   * Failed deliveries of an event that does not apply (a poison event), kept by the consumer
   * across redeliveries. Without it a failure only rolls back and throws: the partition waits.
   */
  readonly poison?: PoisonTracker;
}

/** Default number of deliveries of an event that fails to apply before it is parked. */
export const DEFAULT_MAX_APPLY_ATTEMPTS = 5;

/**
 * Counts failed deliveries per record, so a poison event is parked on the dead-letter topic after
 * `maxAttempts` instead of blocking its partition for ever. A transient failure (a full disk, a
 * lock) rides on the redeliveries in between; what still fails is parked with its bytes and
 * reason, for an operator to replay once fixed.
 */
export class PoisonTracker {
  private readonly failures = new Map<string, number>();

  constructor(readonly maxAttempts: number = DEFAULT_MAX_APPLY_ATTEMPTS) {
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts must be a whole number from 1');
  }

  /** Records one more failed delivery of the record; returns how many there have been. */
  failed(topic: string, partition: number, offset: string): number {
    const key = `${topic}:${partition}:${offset}`;
    const count = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, count);
    return count;
  }

  /** Forgets the partition's records once a batch of it is through (applied or parked). */
  settled(topic: string, partition: number): void {
    const prefix = `${topic}:${partition}:`;
    for (const key of this.failures.keys()) if (key.startsWith(prefix)) this.failures.delete(key);
  }
}

/**
 * Decodes a batch, applies the good events through the inbox in one transaction (so an event
 * id seen before is skipped) and returns the dead-letter records for the bad ones. Applying
 * comes first: if it throws ({@link ApplyFailedError}) nothing has been produced yet, so a
 * redelivered batch does not park its bad records twice.
 */
export function processBatch(input: BatchInput): BatchOutcome {
  const { topic, partition, records } = input;
  const decoded: Array<{ readonly event: EventEnvelope; readonly record: SourceRecord }> = [];
  const deadLetterRecords: OutgoingRecord[] = [];
  const deadLetters: DeadLetter[] = [];
  const park = (record: SourceRecord, reason: string): void => {
    const parked = deadLetterRecord(topic, partition, record, reason);
    deadLetterRecords.push(parked);
    deadLetters.push({ topic, partition, offset: record.offset, reason, deadLetterTopic: parked.topic });
  };
  for (const record of records) {
    const result = (input.decode ?? decodeRecord)(record);
    if (result.ok) decoded.push({ event: result.envelope, record });
    else park(record, result.reason);
  }
  let applied = 0;
  if (decoded.length > 0) {
    try {
      applied = input.inbox.applyBatchOnce(decoded.map((d) => d.event), input.apply);
    } catch (error) {
      if (!input.poison) throw new ApplyFailedError(topic, partition, records[0]?.offset ?? '?', error);
      applied = applyOneByOne(input, input.poison, decoded, park);
    }
  }
  input.poison?.settled(topic, partition);
  const parkedPoison = deadLetterRecords.length - (records.length - decoded.length);
  return {
    counts: { applied, duplicates: decoded.length - applied - parkedPoison, deadLettered: deadLetterRecords.length },
    deadLetterRecords,
    deadLetters,
  };
}

/**
 * After a batch failed: each event in its own inbox transaction, to find the one that fails. The
 * events before it stay applied (a redelivery skips them); it is parked once it has failed
 * `maxAttempts` deliveries, else the batch is delivered again from it.
 */
function applyOneByOne(
  input: BatchInput,
  poison: PoisonTracker,
  decoded: ReadonlyArray<{ readonly event: EventEnvelope; readonly record: SourceRecord }>,
  park: (record: SourceRecord, reason: string) => void,
): number {
  let applied = 0;
  for (const { event, record } of decoded) {
    try {
      applied += input.inbox.applyBatchOnce([event], input.apply);
    } catch (error) {
      const attempts = poison.failed(input.topic, input.partition, record.offset);
      if (attempts < poison.maxAttempts) throw new ApplyFailedError(input.topic, input.partition, record.offset, error);
      park(record, `apply failed ${attempts} times: ${failureKind(error)}`);
    }
  }
  return applied;
}

/** The failure's class and code (`SqliteError SQLITE_CONSTRAINT_CHECK`), never its message: it may quote personal data. */
function failureKind(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? `${error.name} ${code}` : error.name;
}
