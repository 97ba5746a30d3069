import type { EventEnvelope } from '@border-ledger/event-store';
import type { DecodeResult } from '../codec/decode-record';
import type { RawRecord } from '../codec/record';
import type { Inbox } from './inbox.port';

/** Injection token for the {@link ConsumerFactory} port. */
export const CONSUMER_FACTORY = Symbol('CONSUMER_FACTORY');

/** A record parked on the dead-letter topic: undecodable, refused, or an event that kept failing to apply. */
export interface DeadLetter {
  readonly topic: string;
  readonly partition: number;
  /** Offset in the source partition (decimal string: Kafka offsets are 64-bit). */
  readonly offset: string;
  readonly reason: string;
  readonly deadLetterTopic: string;
}

/** What one processed batch amounted to. */
export interface ProcessedCounts {
  /** Events applied for the first time. */
  readonly applied: number;
  /** Events the inbox had already applied (redelivery or republication). */
  readonly duplicates: number;
  /** Undecodable records sent to the dead-letter topic. */
  readonly deadLettered: number;
}

/** Options of one consumer; see {@link ConsumerFactory.create}. */
export interface ConsumerOptions {
  /** Consumer group: members share partitions and committed offsets. */
  readonly groupId: string;
  /** Event topics (`<country>.<context>.events.v1`); their `.dlq` topics receive bad records. */
  readonly topics: readonly string[];
  /**
   * Where a group without committed offsets starts. Defaults to `true`: a new read model must
   * see the whole retained log, and the inbox makes re-reading harmless.
   */
  readonly fromBeginning?: boolean;
  /** Records the ids of applied events; `apply` runs inside its transaction. */
  readonly inbox: Inbox;
  /**
   * The effect of one event, e.g. a read-model update on the inbox's database. Throwing
   * leaves the offset uncommitted, so the batch is delivered again.
   */
  readonly apply: (event: EventEnvelope) => void;
  /**
   * Turns a record into an envelope or a reason to dead-letter it. Default: the event codec of
   * this library. The exchange passes its own (protobuf, signatures, agreement scope).
   */
  readonly decode?: (record: RawRecord) => DecodeResult;
  /**
   * Deliveries of an event whose `apply` keeps throwing before it is parked on the dead-letter
   * topic (reason `apply failed N times: <error class>`), so one poison event does not stop its
   * partition for good. Default 5.
   */
  readonly maxApplyAttempts?: number;
  readonly onDeadLetter?: (letter: DeadLetter) => void;
  /**
   * Called after a batch's offsets are committed. A batch whose commit fails is not reported;
   * when it is delivered again its events count as duplicates. For completeness checks, read
   * the read model, not these counts.
   */
  readonly onProcessed?: (counts: ProcessedCounts) => void;
  /** Records left in the partition after the batch just committed. */
  readonly onLag?: (topic: string, partition: number, lag: number) => void;
}

/** A running member of a consumer group. */
export interface EventConsumer {
  /** Joins the group and starts consuming; resolves once the member has joined. */
  start(): Promise<void>;
  /** Finishes the batch in hand (committing it), leaves the group and disconnects. */
  stop(): Promise<void>;
}

/** Creates consumers that decode, deduplicate, apply and commit (see {@link ConsumerOptions}). */
export interface ConsumerFactory {
  create(options: ConsumerOptions): EventConsumer;
}
