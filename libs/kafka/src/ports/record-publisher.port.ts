/** Injection token for the {@link RecordPublisher} port. */
export const RECORD_PUBLISHER = Symbol('RECORD_PUBLISHER');

/** A record whose bytes the caller made (the exchange's signed protobuf messages). */
export interface OutgoingBytes {
  readonly topic: string;
  /** Records with one key keep their order (one partition). */
  readonly key: string;
  readonly value: Buffer;
  readonly headers?: Record<string, string>;
}

/**
 * Publishes ready-made records with the same guarantees as the event publisher: all in-sync
 * replicas acknowledge, one request in flight, rejects when the outcome is unknown (the caller
 * retries; receivers deduplicate).
 */
export interface RecordPublisher {
  publishRecords(records: readonly OutgoingBytes[]): Promise<void>;
}
