import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, SqliteDatabase, SqliteProjection } from '@border-ledger/event-store';
import { READ_MODEL_DB } from '@border-ledger/event-store/nest';
import {
  CROSSING_RECORDED,
  CROSSING_VOIDED,
  TRAVELLER_IDENTITY_ERASED,
  type CrossingRecordedData,
  type CrossingVoidedData,
  type TravellerIdentityErasedData,
} from '@border-ledger/points-of-entry-domain';

export interface TravellerCrossingRow {
  readonly crossingId: string;
  readonly pointOfEntry: string;
  readonly direction: string;
  readonly occurredAt: string;
  /** Key of the crossing's sealed identity, or null when none was kept. */
  readonly keyId: string | null;
  readonly voided: boolean;
}

interface CrossingRow {
  crossing_id: string;
  point_of_entry: string;
  direction: string;
  occurred_at: string;
  key_id: string | null;
  voided: number;
}

export interface TravellerErasureRow {
  readonly erasedAt: string;
  readonly reason: string;
  readonly keysErased: number;
}

/**
 * Repeat crossings of one traveller, linked by the traveller reference, and the erasures of the
 * traveller's identity. Built from events alone and never from decrypted data: it rebuilds the
 * same before and after a crypto-shredding.
 */
@Injectable()
export class TravellerCrossingsProjection implements SqliteProjection {
  readonly name = 'traveller-crossings';
  readonly version = 1;
  readonly tables = ['traveller_crossings', 'traveller_erasures'] as const;

  constructor(@Inject(READ_MODEL_DB) private readonly db: SqliteDatabase) {
    this.migrate(db);
  }

  migrate(db: SqliteDatabase): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS traveller_crossings (
        crossing_id TEXT PRIMARY KEY, traveller_ref TEXT NOT NULL, point_of_entry TEXT NOT NULL,
        direction TEXT NOT NULL, occurred_at TEXT NOT NULL, key_id TEXT, voided INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX IF NOT EXISTS traveller_crossings_ref ON traveller_crossings (traveller_ref, occurred_at);
      CREATE TABLE IF NOT EXISTS traveller_erasures (
        event_id TEXT PRIMARY KEY, traveller_ref TEXT NOT NULL, erased_at TEXT NOT NULL,
        reason TEXT NOT NULL, keys_erased INTEGER NOT NULL);`);
  }

  reset(db: SqliteDatabase): void {
    db.exec('DROP TABLE IF EXISTS traveller_crossings; DROP TABLE IF EXISTS traveller_erasures;');
  }

  apply(event: EventEnvelope, db: SqliteDatabase): void {
    if (event.type === CROSSING_RECORDED) {
      const data = event.data as CrossingRecordedData;
      if (data.travellerRef === undefined) return;
      db.prepare(
        `INSERT INTO traveller_crossings (crossing_id, traveller_ref, point_of_entry, direction, occurred_at, key_id)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ).run(data.crossingId, data.travellerRef, data.pointOfEntry, data.direction, event.occurredAt, data.identity?.keyId ?? null);
    } else if (event.type === CROSSING_VOIDED) {
      db.prepare('UPDATE traveller_crossings SET voided = 1 WHERE crossing_id = ?').run((event.data as CrossingVoidedData).crossingId);
    } else if (event.type === TRAVELLER_IDENTITY_ERASED) {
      const data = event.data as TravellerIdentityErasedData;
      db.prepare(
        `INSERT INTO traveller_erasures (event_id, traveller_ref, erased_at, reason, keys_erased) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ).run(event.eventId, data.travellerRef, event.occurredAt, data.reason, data.keyIds.length);
    }
  }

  crossingsOf(travellerRef: string): TravellerCrossingRow[] {
    return this.db
      .prepare<[string], CrossingRow>('SELECT * FROM traveller_crossings WHERE traveller_ref = ? ORDER BY occurred_at, crossing_id')
      .all(travellerRef)
      .map((row) => ({
        crossingId: row.crossing_id,
        pointOfEntry: row.point_of_entry,
        direction: row.direction,
        occurredAt: row.occurred_at,
        keyId: row.key_id,
        voided: row.voided === 1,
      }));
  }

  erasuresOf(travellerRef: string): TravellerErasureRow[] {
    return this.db
      .prepare<[string], TravellerErasureRow>(
        `SELECT erased_at AS erasedAt, reason, keys_erased AS keysErased FROM traveller_erasures
         WHERE traveller_ref = ? ORDER BY erased_at`,
      )
      .all(travellerRef);
  }
}
