import { openSqlite, SqliteInbox, SqliteWorkQueue, type SqliteDatabase } from '@border-ledger/event-store';
import type { Severity } from '@border-ledger/points-of-entry-domain';
import type { ShareStepPayload } from './referral-work';

/** A flag as the process manager remembers it: where it was raised and its latest assessment. */
export interface SeenFlag {
  readonly flagId: string;
  readonly pointOfEntry: string;
  readonly severity: Severity;
  readonly childProtection: boolean;
}

interface FlagRow {
  flag_id: string;
  point_of_entry: string;
  severity: Severity;
  child_protection: number;
}

const FLAGS = 'referrals_pm_flags';
const DEADLINES = 'referrals_pm_deadlines';
const SHARE_STEPS = 'referrals_pm_share_steps';

/** What became of a partner's answer: not yet applied (null), applied, or refused by a rule. */
export type ShareStepOutcome = { readonly kind: 'applied' } | { readonly kind: 'refused'; readonly rule: string };

export interface ShareStep {
  readonly step: ShareStepPayload;
  readonly outcome: ShareStepOutcome | null;
}

/**
 * The process manager's SQLite file: inboxes (one per feed), the durable work queue (open,
 * revoke, escalation timers, partners' answers), the flags seen, the referrals' acceptance
 * deadlines and the answers received to cross-border shares (in order, with what became of them). Feeds
 * change it only inside their inbox transaction, so an event and what it schedules commit together.
 */
export class ReferralsProcessStore {
  readonly queue: SqliteWorkQueue;
  readonly flagInbox: SqliteInbox;
  readonly timerInbox: SqliteInbox;

  constructor(readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${FLAGS} (
      flag_id TEXT PRIMARY KEY, point_of_entry TEXT NOT NULL, severity TEXT NOT NULL, child_protection INTEGER NOT NULL)`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${DEADLINES} (referral_id TEXT PRIMARY KEY, acceptance_deadline TEXT NOT NULL)`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${SHARE_STEPS} (
      event_id TEXT PRIMARY KEY, referral_id TEXT NOT NULL, revision INTEGER NOT NULL, payload TEXT NOT NULL, outcome TEXT)`);
    db.exec(`CREATE INDEX IF NOT EXISTS ${SHARE_STEPS}_referral ON ${SHARE_STEPS} (referral_id, revision)`);
    this.queue = new SqliteWorkQueue(db, 'referrals');
    this.flagInbox = new SqliteInbox(db, 'referrals-flags');
    this.timerInbox = new SqliteInbox(db, 'referrals-timers');
  }

  static open(path: string): ReferralsProcessStore {
    return new ReferralsProcessStore(openSqlite(path));
  }

  rememberFlag(flag: SeenFlag): void {
    this.db
      .prepare(`INSERT INTO ${FLAGS} (flag_id, point_of_entry, severity, child_protection) VALUES (?, ?, ?, ?) ON CONFLICT (flag_id) DO NOTHING`)
      .run(flag.flagId, flag.pointOfEntry, flag.severity, flag.childProtection ? 1 : 0);
  }

  reassessFlag(flagId: string, severity: Severity, childProtection: boolean): void {
    this.db.prepare(`UPDATE ${FLAGS} SET severity = ?, child_protection = ? WHERE flag_id = ?`).run(severity, childProtection ? 1 : 0, flagId);
  }

  flag(flagId: string): SeenFlag | undefined {
    const row = this.db.prepare<[string], FlagRow>(`SELECT * FROM ${FLAGS} WHERE flag_id = ?`).get(flagId);
    return row && { flagId: row.flag_id, pointOfEntry: row.point_of_entry, severity: row.severity, childProtection: row.child_protection === 1 };
  }

  rememberDeadline(referralId: string, acceptanceDeadline: string): void {
    this.db.prepare(`INSERT INTO ${DEADLINES} (referral_id, acceptance_deadline) VALUES (?, ?) ON CONFLICT (referral_id) DO NOTHING`).run(referralId, acceptanceDeadline);
  }

  deadline(referralId: string): string | undefined {
    return this.db.prepare<[string], { acceptance_deadline: string }>(`SELECT acceptance_deadline FROM ${DEADLINES} WHERE referral_id = ?`).get(referralId)?.acceptance_deadline;
  }

  /** Remembers a partner's answer (once: a redelivered event changes nothing). */
  rememberShareStep(step: ShareStepPayload): void {
    this.db
      .prepare(`INSERT INTO ${SHARE_STEPS} (event_id, referral_id, revision, payload) VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`)
      .run(step.eventId, step.referralId, step.revision, JSON.stringify(step));
  }

  shareStep(eventId: string): ShareStep | undefined {
    const row = this.db.prepare<[string], ShareStepRow>(`SELECT payload, outcome FROM ${SHARE_STEPS} WHERE event_id = ?`).get(eventId);
    return row && toShareStep(row);
  }

  /**
   * The referral's answers not yet applied that come before `step` (by their place among the
   * referral's answers), and `step` itself when it is not applied yet: what must be applied, in
   * this order, before `step` can be.
   */
  unsettledShareStepsUpTo(step: ShareStepPayload): ShareStepPayload[] {
    return this.db
      .prepare<[string, number, string], ShareStepRow>(
        `SELECT payload, outcome FROM ${SHARE_STEPS} WHERE referral_id = ? AND outcome IS NULL AND (revision < ? OR event_id = ?) ORDER BY revision, rowid`,
      )
      .all(step.referralId, step.revision, step.eventId)
      .map((row) => toShareStep(row).step);
  }

  settleShareStep(eventId: string, outcome: ShareStepOutcome): void {
    this.db.prepare(`UPDATE ${SHARE_STEPS} SET outcome = ? WHERE event_id = ?`).run(JSON.stringify(outcome), eventId);
  }

  close(): void {
    this.db.close();
  }
}

interface ShareStepRow {
  payload: string;
  outcome: string | null;
}

const toShareStep = (row: ShareStepRow): ShareStep => ({
  step: JSON.parse(row.payload) as ShareStepPayload,
  outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as ShareStepOutcome),
});
