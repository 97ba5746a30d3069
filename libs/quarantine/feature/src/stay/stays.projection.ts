import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, SqliteDatabase, SqliteProjection } from '@border-ledger/event-store';
import { READ_MODEL_DB } from '@border-ledger/event-store/nest';
import {
  CAPACITY_ALERT_RAISED,
  DAILY_CHECK_RECORDED,
  expectedReleaseAt,
  STAY_ABSCONDED,
  STAY_ADMITTED,
  STAY_RELEASED,
  STAY_TEST_RECORDED,
  STAY_TRANSFERRED,
  type CapacityAlertRaisedData,
  type StayAbscondedData,
  type StayAdmittedData,
  type StayEvent,
  type StayReleasedData,
  type StayTransferredData,
} from '@border-ledger/quarantine-domain';

export const STAYS_TABLE = 'quarantine_stays';
export const SEGMENTS_TABLE = 'quarantine_stay_segments';

/** The UTC calendar day of an ISO 8601 instant: the unit of occupancy and bed-days (ADR 0008). */
export const utcDay = (at: string): string => new Date(at).toISOString().slice(0, 10);

/** Creates the stays tables (idempotent); the centres read model joins them for occupancy. */
export function migrateStayTables(db: SqliteDatabase): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${STAYS_TABLE} (
    crossing_id TEXT PRIMARY KEY, status TEXT NOT NULL, centre TEXT, category TEXT NOT NULL, measure TEXT NOT NULL,
    days INTEGER NOT NULL, requires_negative_test INTEGER NOT NULL, admitted_at TEXT, expected_release_at TEXT,
    ended_at TEXT, point_of_entry TEXT, province TEXT, raised_at TEXT, revision INTEGER NOT NULL)`);
  db.exec(`CREATE INDEX IF NOT EXISTS ${STAYS_TABLE}_status ON ${STAYS_TABLE} (status, centre, category)`);
  // One row per stretch of a stay at one centre: admission or transfer in, until leaving (to_day NULL: still there).
  db.exec(`CREATE TABLE IF NOT EXISTS ${SEGMENTS_TABLE} (
    crossing_id TEXT NOT NULL, seq INTEGER NOT NULL, centre TEXT NOT NULL, category TEXT NOT NULL,
    from_day TEXT NOT NULL, to_day TEXT, PRIMARY KEY (crossing_id, seq))`);
  db.exec(`CREATE INDEX IF NOT EXISTS ${SEGMENTS_TABLE}_days ON ${SEGMENTS_TABLE} (centre, from_day, to_day)`);
}

/**
 * Stays and their stretches at each centre, built from the stay events: current occupancy by
 * centre and category, occupancy per day, expected releases, bed-days and open capacity alerts are
 * all queries over these two tables (see `occupancy.queries.ts`).
 */
@Injectable()
export class StaysProjection implements SqliteProjection {
  readonly name = 'quarantine.stays';
  readonly version = 1;
  /** Tables it owns (compared in the rebuild test). */
  readonly tables = [STAYS_TABLE, SEGMENTS_TABLE] as const;

  constructor(@Inject(READ_MODEL_DB) db: SqliteDatabase) {
    // Queries may come before the runner starts: the tables must exist.
    this.migrate(db);
  }

  migrate(db: SqliteDatabase): void {
    migrateStayTables(db);
  }

  reset(db: SqliteDatabase): void {
    db.exec(`DROP TABLE IF EXISTS ${SEGMENTS_TABLE}`);
    db.exec(`DROP TABLE IF EXISTS ${STAYS_TABLE}`);
  }

  apply(envelope: EventEnvelope, db: SqliteDatabase): void {
    const event = { type: envelope.type, data: envelope.data } as StayEvent;
    switch (event.type) {
      case CAPACITY_ALERT_RAISED:
        return this.alerted(db, event.data, envelope.revision);
      case STAY_ADMITTED:
        return this.admitted(db, event.data, envelope.revision);
      case STAY_TRANSFERRED:
        return this.transferred(db, event.data, envelope.revision);
      case STAY_RELEASED:
        return this.ended(db, event.data, 'released', event.data.releasedAt, envelope.revision);
      case STAY_ABSCONDED:
        return this.ended(db, event.data, 'absconded', event.data.abscondedAt, envelope.revision);
      case DAILY_CHECK_RECORDED:
      case STAY_TEST_RECORDED:
        db.prepare(`UPDATE ${STAYS_TABLE} SET revision = ? WHERE crossing_id = ?`).run(envelope.revision, event.data.crossingId);
        return;
      default:
        // Events of other streams and contexts.
        return;
    }
  }

  private alerted(db: SqliteDatabase, alert: CapacityAlertRaisedData, revision: number): void {
    db.prepare(
      `INSERT INTO ${STAYS_TABLE} (crossing_id, status, category, measure, days, requires_negative_test, point_of_entry, province, raised_at, revision)
       VALUES (?, 'awaiting-place', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (crossing_id) DO NOTHING`,
    ).run(alert.crossingId, alert.category, alert.measure, alert.days, alert.requiresNegativeTest ? 1 : 0, alert.pointOfEntry, alert.province, alert.raisedAt, revision);
  }

  private admitted(db: SqliteDatabase, stay: StayAdmittedData, revision: number): void {
    const expected = expectedReleaseAt(stay);
    db.prepare(
      `INSERT INTO ${STAYS_TABLE} (crossing_id, status, centre, category, measure, days, requires_negative_test, admitted_at, expected_release_at, revision)
       VALUES (@id, 'admitted', @centre, @category, @measure, @days, @rnt, @admittedAt, @expected, @revision)
       ON CONFLICT (crossing_id) DO UPDATE SET status = 'admitted', centre = @centre, category = @category, measure = @measure,
         days = @days, requires_negative_test = @rnt, admitted_at = @admittedAt, expected_release_at = @expected, revision = @revision`,
    ).run({ id: stay.crossingId, centre: stay.centre, category: stay.category, measure: stay.measure, days: stay.days,
      rnt: stay.requiresNegativeTest ? 1 : 0, admittedAt: stay.admittedAt, expected, revision });
    this.openSegment(db, stay.crossingId, stay.centre, stay.category, stay.admittedAt);
  }

  private transferred(db: SqliteDatabase, transfer: StayTransferredData, revision: number): void {
    db.prepare(`UPDATE ${STAYS_TABLE} SET centre = ?, revision = ? WHERE crossing_id = ?`).run(transfer.to, revision, transfer.crossingId);
    this.closeSegment(db, transfer.crossingId, transfer.transferredAt);
    this.openSegment(db, transfer.crossingId, transfer.to, transfer.category, transfer.transferredAt);
  }

  private ended(db: SqliteDatabase, data: StayReleasedData | StayAbscondedData, status: 'released' | 'absconded', at: string, revision: number): void {
    db.prepare(`UPDATE ${STAYS_TABLE} SET status = ?, ended_at = ?, revision = ? WHERE crossing_id = ?`).run(status, at, revision, data.crossingId);
    this.closeSegment(db, data.crossingId, at);
  }

  private openSegment(db: SqliteDatabase, crossingId: string, centre: string, category: string, at: string): void {
    db.prepare(
      `INSERT INTO ${SEGMENTS_TABLE} (crossing_id, seq, centre, category, from_day)
       VALUES (?, (SELECT COUNT(*) FROM ${SEGMENTS_TABLE} WHERE crossing_id = ?), ?, ?, ?)`,
    ).run(crossingId, crossingId, centre, category, utcDay(at));
  }

  private closeSegment(db: SqliteDatabase, crossingId: string, at: string): void {
    db.prepare(`UPDATE ${SEGMENTS_TABLE} SET to_day = ? WHERE crossing_id = ? AND to_day IS NULL`).run(utcDay(at), crossingId);
  }
}
