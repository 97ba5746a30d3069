import { SqliteInbox, type EventEnvelope, type SqliteDatabase } from '@border-ledger/event-store';
import type { FeedTarget } from '@border-ledger/kafka/nest';
import { signedCheckpointFromJson } from '@border-ledger/merkle';
import type { IntegrityMonitor } from '../integrity/integrity-monitor';
import type { MatchingService } from '../matching/matching.service';
import type { SharedRecordsStore } from '../shared-records/shared-records.store';
import { CHECKPOINT_RECEIVED, RECORD_RECEIVED, type CheckpointReceivedData, type RecordReceivedData } from './incoming-decoder';

/**
 * Partners' feeds, decoded and checked by the incoming decoder: each leaf goes through the feed
 * verifier first (a rewritten leaf is refused and alerted, never stored), then into the shared
 * records read model and matching; checkpoints go to the verifier.
 */
export class IncomingTarget implements FeedTarget {
  readonly inbox: SqliteInbox;

  constructor(
    readonly db: SqliteDatabase,
    private readonly integrity: IntegrityMonitor,
    private readonly records: SharedRecordsStore,
    private readonly matching: MatchingService,
    private readonly onRecord: (data: RecordReceivedData) => void,
    /** This node's country: with the sender's, the corridor of what arrives. */
    private readonly ownCountry: string,
  ) {
    this.inbox = new SqliteInbox(db, 'exchange-incoming');
  }

  readonly apply = (event: EventEnvelope): void => {
    try {
      if (event.type === RECORD_RECEIVED) this.record(event.data as RecordReceivedData);
      else if (event.type === CHECKPOINT_RECEIVED) this.checkpoint(event.data as CheckpointReceivedData);
    } catch (error) {
      // The transaction rolls back: the verifiers in memory must not keep what was undone.
      this.integrity.forget();
      throw error;
    }
  };

  private record(data: RecordReceivedData): void {
    const leaf = this.integrity.leaf(data.logId, data.record.leafIndex, Buffer.from(data.bytes, 'base64'));
    if (leaf.status === 'rejected' || leaf.status === 'duplicate') return;
    this.records.put('incoming', data.logId, data.record, this.ownCountry);
    this.matching.observe(data.record);
    this.onRecord(data);
  }

  private checkpoint(data: CheckpointReceivedData): void {
    const signed = signedCheckpointFromJson(data.signed);
    if (!signed) return;
    this.integrity.checkpoint(data.logId, signed, data.consistencyProof.map((p) => new Uint8Array(Buffer.from(p, 'base64'))));
  }
}
