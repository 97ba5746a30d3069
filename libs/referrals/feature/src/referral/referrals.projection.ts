import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, SqliteDatabase, SqliteProjection } from '@border-ledger/event-store';
import { READ_MODEL_DB } from '@border-ledger/event-store/nest';
import { assertNever } from '@border-ledger/points-of-entry-domain';
import { REFERRAL_EVENT_TYPES, type ReferralEvent } from '@border-ledger/referrals-domain';

const TABLE = 'referrals_list';
export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'closed', 'revoked'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** A referral in the list: codes and times only (no note, nothing about the person). */
export interface ReferralSummary {
  readonly referralId: string;
  readonly flagId: string;
  readonly service: string;
  readonly pointOfEntry: string;
  readonly severity: string;
  readonly childProtection: boolean;
  readonly urgent: boolean;
  readonly status: ReferralStatus;
  readonly consent: string;
  readonly openedAt: string;
  readonly acceptanceDeadline: string;
  readonly escalatedAt: string | null;
  readonly shareTo: string | null;
  readonly shareStatus: string | null;
  readonly revision: number;
}

export interface ReferralListFilter {
  readonly status?: ReferralStatus;
  readonly urgent?: boolean;
  /** Pending past the acceptance deadline at `now` (true), or not (false). */
  readonly overdue?: boolean;
  readonly service?: string;
  readonly pointsOfEntry?: readonly string[];
  readonly limit: number;
  readonly offset: number;
}

export interface ReferralCounts {
  readonly total: number;
  readonly byStatus: Record<ReferralStatus, number>;
  readonly byService: Record<string, number>;
  readonly urgentPending: number;
  readonly overdue: number;
  readonly escalated: number;
}

type Row = Record<string, string | number | null>;

/** The referrals list and counts, from the referral events; rebuildable from the log. */
@Injectable()
export class ReferralsProjection implements SqliteProjection {
  readonly name = 'referrals.list';
  readonly version = 1;
  readonly tables = [TABLE] as const;

  constructor(@Inject(READ_MODEL_DB) private readonly db: SqliteDatabase) {
    this.migrate(db);
  }

  migrate(db: SqliteDatabase): void {
    db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (
      referral_id TEXT PRIMARY KEY, flag_id TEXT NOT NULL, service TEXT NOT NULL, point_of_entry TEXT NOT NULL,
      severity TEXT NOT NULL, child_protection INTEGER NOT NULL, urgent INTEGER NOT NULL, status TEXT NOT NULL,
      consent TEXT NOT NULL, opened_at TEXT NOT NULL, acceptance_deadline TEXT NOT NULL, escalated_at TEXT,
      share_to TEXT, share_status TEXT, revision INTEGER NOT NULL)`);
  }

  reset(db: SqliteDatabase): void {
    db.exec(`DROP TABLE IF EXISTS ${TABLE}`);
  }

  apply(envelope: EventEnvelope, db: SqliteDatabase): void {
    if (!(REFERRAL_EVENT_TYPES as readonly string[]).includes(envelope.type)) return;
    const event = { type: envelope.type, data: envelope.data } as ReferralEvent;
    const set = (fields: Record<string, string | number | null>): void => {
      const columns = [...Object.keys(fields), 'revision'];
      db.prepare(`UPDATE ${TABLE} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE referral_id = @id`).run({
        ...fields, revision: envelope.revision, id: event.data.referralId,
      });
    };
    switch (event.type) {
      case 'referrals.referral-opened.v1': {
        const d = event.data;
        db.prepare(
          `INSERT INTO ${TABLE} VALUES (@referralId, @flagId, @service, @pointOfEntry, @severity, @child, @urgent, 'pending', @consent,
           @openedAt, @acceptanceDeadline, NULL, NULL, NULL, @revision) ON CONFLICT (referral_id) DO NOTHING`,
        ).run({ ...d, child: d.childProtection ? 1 : 0, urgent: d.urgent ? 1 : 0, consent: d.childProtection ? 'not-applicable' : 'not-given', revision: envelope.revision });
        return;
      }
      case 'referrals.referral-accepted.v1':
        return set({ status: 'accepted' });
      case 'referrals.referral-declined.v1':
        return set({ status: 'declined' });
      case 'referrals.referral-escalated.v1':
        return set({ escalated_at: event.data.escalatedAt });
      case 'referrals.consent-recorded.v1':
        return set({ consent: 'given' });
      case 'referrals.consent-withdrawn.v1':
        return set({ consent: 'withdrawn' });
      case 'referrals.services-delivered.v1':
        return set({});
      case 'referrals.referral-closed.v1':
        return set({ status: 'closed' });
      case 'referrals.referral-revoked.v1':
        return set({ status: 'revoked' });
      case 'referrals.cross-border-share-requested.v1':
        return set({ share_to: event.data.toCountry, share_status: 'requested' });
      case 'referrals.cross-border-share-acknowledged.v1':
        return set({ share_status: 'acknowledged' });
      case 'referrals.cross-border-share-accepted.v1':
        return set({ share_status: 'accepted' });
      case 'referrals.cross-border-share-declined.v1':
        return set({ share_status: 'declined' });
      case 'referrals.cross-border-share-closed.v1':
        return set({ share_status: 'closed' });
      default:
        return assertNever(event);
    }
  }

  list(filter: ReferralListFilter, now: Date): { total: number; items: ReferralSummary[] } {
    const { where, params } = this.where(filter, now);
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM ${TABLE} ${where}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM ${TABLE} ${where} ORDER BY urgent DESC, acceptance_deadline, referral_id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: filter.limit, offset: filter.offset }) as Row[];
    return { total, items: rows.map(toSummary) };
  }

  counts(now: Date): ReferralCounts {
    const byStatus = Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, 0])) as Record<ReferralStatus, number>;
    for (const row of this.db.prepare(`SELECT status, COUNT(*) AS n FROM ${TABLE} GROUP BY status`).all() as Array<{ status: ReferralStatus; n: number }>) byStatus[row.status] = row.n;
    const byService: Record<string, number> = {};
    for (const row of this.db.prepare(`SELECT service, COUNT(*) AS n FROM ${TABLE} GROUP BY service ORDER BY service`).all() as Array<{ service: string; n: number }>) byService[row.service] = row.n;
    const one = (sql: string, ...args: unknown[]): number => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${TABLE} WHERE ${sql}`).get(...args) as { n: number }).n;
    return {
      total: Object.values(byStatus).reduce((a, b) => a + b, 0),
      byStatus,
      byService,
      urgentPending: one(`status = 'pending' AND urgent = 1`),
      overdue: one(`status = 'pending' AND acceptance_deadline < ?`, now.toISOString()),
      escalated: one('escalated_at IS NOT NULL'),
    };
  }

  private where(filter: ReferralListFilter, now: Date): { where: string; params: Record<string, unknown> } {
    const clauses: string[] = [];
    const params: Record<string, unknown> = { now: now.toISOString() };
    if (filter.status) (clauses.push('status = @status'), (params['status'] = filter.status));
    if (filter.urgent !== undefined) (clauses.push('urgent = @urgent'), (params['urgent'] = filter.urgent ? 1 : 0));
    if (filter.service) (clauses.push('service = @service'), (params['service'] = filter.service));
    if (filter.overdue !== undefined) clauses.push(filter.overdue ? `(status = 'pending' AND acceptance_deadline < @now)` : `NOT (status = 'pending' AND acceptance_deadline < @now)`);
    if (filter.pointsOfEntry) {
      clauses.push(`point_of_entry IN (SELECT value FROM json_each(@poes))`);
      params['poes'] = JSON.stringify(filter.pointsOfEntry);
    }
    return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }
}

function toSummary(row: Row): ReferralSummary {
  return {
    referralId: String(row['referral_id']), flagId: String(row['flag_id']), service: String(row['service']),
    pointOfEntry: String(row['point_of_entry']), severity: String(row['severity']), childProtection: row['child_protection'] === 1,
    urgent: row['urgent'] === 1, status: row['status'] as ReferralStatus, consent: String(row['consent']), openedAt: String(row['opened_at']),
    acceptanceDeadline: String(row['acceptance_deadline']), escalatedAt: (row['escalated_at'] as string | null) ?? null,
    shareTo: (row['share_to'] as string | null) ?? null, shareStatus: (row['share_status'] as string | null) ?? null, revision: Number(row['revision']),
  };
}
