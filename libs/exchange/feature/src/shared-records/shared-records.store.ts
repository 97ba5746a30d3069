import type { SqliteDatabase } from '@border-ledger/event-store';
import { POINTS_OF_ENTRY } from '@border-ledger/points-of-entry-domain';
import type { SharedRecord } from '@border-ledger/exchange-domain';

/** A shared record as coordinators see it: what we sent (`outgoing`) or what a partner sent us (`incoming`). */
export interface SharedRecordView {
  readonly side: 'outgoing' | 'incoming';
  readonly logId: string;
  readonly leafIndex: number;
  readonly corridor: string;
  readonly pointOfEntryPair: string | null;
  readonly record: SharedRecord;
}

export interface SharedRecordFilter {
  /** Two countries, e.g. `KH-TH` (any order). */
  readonly corridor?: string;
  /** Two points of entry, e.g. `TH-ARANYAPRATHET~KH-POIPET` (any order). */
  readonly pair?: string;
  readonly recordType?: string;
  readonly side?: 'outgoing' | 'incoming';
  /** ISO 8601 bounds on when it happened. */
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
}

const PAIRED = new Map(POINTS_OF_ENTRY.map((poe) => [poe.code, poe.pairedWith]));

/** Sorted, so either order of the two names the same corridor or pair. */
export const corridorOf = (a: string, b: string): string => [a, b].sort().join('-');
export const pairOf = (a: string, b: string): string => [a, b].sort().join('~');

function pointOfEntry(record: SharedRecord): string | null {
  switch (record.recordType) {
    case 'exchange.crossing.v1':
    case 'exchange.screening-outcome.v1':
    case 'exchange.trafficking-flag.v1':
      return record.payload.pointOfEntry;
    case 'exchange.referral.v1':
      return null;
    default: {
      const never: never = record;
      return never;
    }
  }
}

/**
 * The coordinators' read model of the shared feeds, both directions, one row per leaf. Rebuilt
 * from the outgoing log and the incoming feeds; queried by corridor, point-of-entry pair, record
 * type and time.
 */
export class SharedRecordsStore {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS xb_records (log_id TEXT NOT NULL, leaf_index INTEGER NOT NULL, side TEXT NOT NULL,
      corridor TEXT NOT NULL, poe_pair TEXT, record_type TEXT NOT NULL, occurred_at TEXT NOT NULL, record TEXT NOT NULL,
      PRIMARY KEY (log_id, leaf_index))`);
    db.exec('CREATE INDEX IF NOT EXISTS xb_records_query ON xb_records (corridor, record_type, occurred_at)');
  }

  /** Stores a record once (a redelivered leaf changes nothing); `otherCountry` is the side of the corridor that did not send it. */
  put(side: SharedRecordView['side'], logId: string, record: SharedRecord, otherCountry: string): void {
    const poe = pointOfEntry(record);
    const paired = poe ? PAIRED.get(poe) : null;
    this.db
      .prepare(`INSERT INTO xb_records (log_id, leaf_index, side, corridor, poe_pair, record_type, occurred_at, record)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (log_id, leaf_index) DO NOTHING`)
      .run(logId, record.leafIndex, side, corridorOf(record.senderCountry, otherCountry), poe && paired ? pairOf(poe, paired) : poe, record.recordType, record.occurredAt, JSON.stringify(record));
  }

  list(filter: SharedRecordFilter = {}): SharedRecordView[] {
    const corridor = filter.corridor ? corridorOf(...(filter.corridor.split('-') as [string, string])) : null;
    const pair = filter.pair ? pairOf(...(filter.pair.split('~') as [string, string])) : null;
    return this.db
      .prepare<Record<string, string | number | null>, { side: SharedRecordView['side']; log_id: string; leaf_index: number; corridor: string; poe_pair: string | null; record: string }>(
        `SELECT side, log_id, leaf_index, corridor, poe_pair, record FROM xb_records
         WHERE (@corridor IS NULL OR corridor = @corridor) AND (@pair IS NULL OR poe_pair = @pair)
           AND (@type IS NULL OR record_type = @type) AND (@side IS NULL OR side = @side)
           AND (@from IS NULL OR occurred_at >= @from) AND (@to IS NULL OR occurred_at < @to)
         ORDER BY occurred_at, log_id, leaf_index LIMIT @limit`,
      )
      .all({
        corridor,
        pair,
        type: filter.recordType ?? null,
        side: filter.side ?? null,
        from: filter.from ? new Date(filter.from).toISOString() : null,
        to: filter.to ? new Date(filter.to).toISOString() : null,
        limit: filter.limit ?? 500,
      })
      .map((row) => ({
        side: row.side,
        logId: row.log_id,
        leafIndex: row.leaf_index,
        corridor: row.corridor,
        pointOfEntryPair: row.poe_pair,
        record: JSON.parse(row.record) as SharedRecord,
      }));
  }

  /** Every row, in the order received (for rebuilding in-memory state at start). */
  all(): SharedRecordView[] {
    return this.list({ limit: Number.MAX_SAFE_INTEGER });
  }

  /** The referral request a partner sent under an agreement, by its ref (one indexed query, no scan in JS). */
  referralRequest(agreementId: string, referralRef: string): SharedRecord | undefined {
    const row = this.db
      .prepare<[string, string], { record: string }>(
        `SELECT record FROM xb_records WHERE side = 'incoming' AND record_type = 'exchange.referral.v1'
           AND json_extract(record, '$.agreementId') = ? AND json_extract(record, '$.payload.referralRef') = ?
           AND json_extract(record, '$.payload.stage') = 'requested' LIMIT 1`,
      )
      .get(agreementId, referralRef);
    return row ? (JSON.parse(row.record) as SharedRecord) : undefined;
  }

  /**
   * Deletes what partners sent under an agreement that happened before `before`: the agreement says
   * how long the receiver keeps it. Returns how many rows went.
   */
  purgeIncoming(agreementId: string, before: string): number {
    return this.db
      .prepare(`DELETE FROM xb_records WHERE side = 'incoming' AND occurred_at < ? AND json_extract(record, '$.agreementId') = ?`)
      .run(new Date(before).toISOString(), agreementId).changes;
  }

  count(side?: SharedRecordView['side']): number {
    return this.db.prepare<{ side: string | null }, { n: number }>('SELECT COUNT(*) AS n FROM xb_records WHERE (@side IS NULL OR side = @side)').get({ side: side ?? null })!.n;
  }
}
