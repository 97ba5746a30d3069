import type { EventEnvelope, SqliteDatabase, SqliteProjection } from '@border-ledger/event-store';
import {
  assertNever,
  FLAG_EVENT_TYPES,
  severityRank,
  TRAFFICKING_FLAG_CLOSED,
  TRAFFICKING_FLAG_INDICATORS_ADDED,
  TRAFFICKING_FLAG_RAISED,
  TRAFFICKING_FLAG_WITHDRAWN,
  type FlagEvent,
  type IndicatorCode,
  type Severity,
} from '@border-ledger/points-of-entry-domain';

/** A flag as the list shows it: never the note. */
export interface FlagSummary {
  readonly flagId: string;
  readonly status: 'open' | 'closed' | 'withdrawn';
  readonly subject: { readonly kind: string; readonly id: string };
  readonly pointOfEntry: string;
  readonly indicators: IndicatorCode[];
  readonly severity: Severity;
  readonly childProtection: boolean;
  readonly observedAt: string;
  readonly raisedAt: string;
  readonly closeReason: string | null;
  readonly hasNote: boolean;
  readonly revision: number;
}

export interface FlagFilter {
  readonly status?: string;
  readonly severity?: string;
  /** Only flags of these points of entry (all when absent). */
  readonly pointsOfEntry?: readonly string[];
  readonly limit: number;
  readonly offset: number;
}

const TABLE = 'poe_flags';

/**
 * Flags for the protection desk, most urgent first. Built only from flag events; the notes
 * stay in the note store.
 */
export class FlagsProjection implements SqliteProjection {
  readonly name = 'points-of-entry.flags';
  readonly version = 1;

  constructor(private readonly db: SqliteDatabase) {}

  migrate(db: SqliteDatabase): void {
    db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (
      flag_id TEXT PRIMARY KEY, status TEXT NOT NULL, subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL,
      point_of_entry TEXT NOT NULL, indicators TEXT NOT NULL, severity TEXT NOT NULL, severity_rank INTEGER NOT NULL,
      child_protection INTEGER NOT NULL, observed_at TEXT NOT NULL, observed_utc TEXT NOT NULL, raised_at TEXT NOT NULL,
      close_reason TEXT, has_note INTEGER NOT NULL, revision INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS ${TABLE}_queue ON ${TABLE} (status, severity_rank DESC, observed_utc)`);
  }

  reset(db: SqliteDatabase): void {
    db.exec(`DROP TABLE IF EXISTS ${TABLE}`);
  }

  apply(envelope: EventEnvelope, db: SqliteDatabase): void {
    if (!(FLAG_EVENT_TYPES as readonly string[]).includes(envelope.type)) return; // other streams' events
    const event = { type: envelope.type, data: envelope.data } as FlagEvent;
    switch (event.type) {
      case TRAFFICKING_FLAG_RAISED: {
        const d = event.data;
        db.prepare(
          `INSERT INTO ${TABLE} VALUES (?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?) ON CONFLICT (flag_id) DO NOTHING`,
        ).run(d.flagId, d.subject.kind, d.subject.id, d.pointOfEntry, JSON.stringify(d.indicators), d.severity,
          severityRank(d.severity), d.childProtection ? 1 : 0, d.observedAt, new Date(d.observedAt).toISOString(),
          envelope.recordedAt, d.noteId ? 1 : 0, envelope.revision);
        return;
      }
      case TRAFFICKING_FLAG_INDICATORS_ADDED: {
        const d = event.data;
        db.prepare(
          `UPDATE ${TABLE} SET indicators = ?, severity = ?, severity_rank = ?, child_protection = ?, revision = ?
           WHERE flag_id = ? AND status = 'open'`,
        ).run(JSON.stringify(d.indicators), d.severity, severityRank(d.severity), d.childProtection ? 1 : 0, envelope.revision, d.flagId);
        return;
      }
      case TRAFFICKING_FLAG_CLOSED:
      case TRAFFICKING_FLAG_WITHDRAWN:
        db.prepare(`UPDATE ${TABLE} SET status = ?, close_reason = ?, revision = ? WHERE flag_id = ? AND status = 'open'`).run(
          event.type === TRAFFICKING_FLAG_CLOSED ? 'closed' : 'withdrawn',
          event.data.reason,
          envelope.revision,
          event.data.flagId,
        );
        return;
      default:
        assertNever(event);
    }
  }

  /** Flags matching the filter, critical first, then the longest waiting. */
  list(filter: FlagFilter): { total: number; items: FlagSummary[] } {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: filter.limit, offset: filter.offset };
    for (const [column, value] of [['status', filter.status], ['severity', filter.severity]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = @${column}`);
      params[column] = value;
    }
    if (filter.pointsOfEntry) {
      const names = filter.pointsOfEntry.map((_code, i) => `@poe${i}`);
      filter.pointsOfEntry.forEach((code, i) => (params[`poe${i}`] = code));
      where.push(names.length > 0 ? `point_of_entry IN (${names.join(', ')})` : '0');
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const { total } = this.db.prepare(`SELECT COUNT(*) AS total FROM ${TABLE} ${clause}`).get(params) as { total: number };
    const rows = this.db
      .prepare(`SELECT * FROM ${TABLE} ${clause} ORDER BY severity_rank DESC, observed_utc, flag_id LIMIT @limit OFFSET @offset`)
      .all(params) as FlagRow[];
    return { total, items: rows.map(toSummary) };
  }
}

interface FlagRow {
  flag_id: string;
  status: FlagSummary['status'];
  subject_kind: string;
  subject_id: string;
  point_of_entry: string;
  indicators: string;
  severity: Severity;
  child_protection: number;
  observed_at: string;
  raised_at: string;
  close_reason: string | null;
  has_note: number;
  revision: number;
}

function toSummary(row: FlagRow): FlagSummary {
  return {
    flagId: row.flag_id,
    status: row.status,
    subject: { kind: row.subject_kind, id: row.subject_id },
    pointOfEntry: row.point_of_entry,
    indicators: JSON.parse(row.indicators) as IndicatorCode[],
    severity: row.severity,
    childProtection: row.child_protection === 1,
    observedAt: row.observed_at,
    raisedAt: row.raised_at,
    closeReason: row.close_reason,
    hasNote: row.has_note === 1,
    revision: row.revision,
  };
}
