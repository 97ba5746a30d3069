import { ACCESS_GRANTED, ACCESS_REFUSED, auditStream, type AccessAuditData, type AuditLog } from './audit-log.port';

/** A query of the audit stream: whole UTC days, inclusive. */
export interface AuditQuery {
  readonly from: string;
  readonly to: string;
  readonly subject?: string;
  readonly outcome?: 'granted' | 'refused';
  readonly limit: number;
}

/** An audit record as auditors read it: the event, when, and its place in the hash chain. */
export interface AuditRecord extends AccessAuditData {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly correlationId: string;
  readonly position: number;
  readonly previousHash: string;
  readonly hash: string;
}

/** Longest period one query reads. */
export const MAX_AUDIT_DAYS = 31;
const DAY_MS = 86_400_000;

/** The UTC days from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** The audit records of the period, oldest first, filtered, at most `limit` (total says how many matched). */
export async function queryAudit(log: AuditLog, query: AuditQuery): Promise<{ total: number; items: AuditRecord[] }> {
  const matched: AuditRecord[] = [];
  for (const day of daysBetween(query.from, query.to)) {
    for (const event of await log.readStream(auditStream(day))) {
      if (event.type !== ACCESS_GRANTED && event.type !== ACCESS_REFUSED) continue;
      const data = event.data as AccessAuditData;
      if (query.subject !== undefined && data.subject !== query.subject) continue;
      if (query.outcome !== undefined && data.outcome !== query.outcome) continue;
      matched.push({
        eventId: event.eventId,
        occurredAt: event.occurredAt,
        recordedAt: event.recordedAt,
        correlationId: event.metadata.correlationId,
        position: event.position,
        previousHash: event.previousHash,
        hash: event.hash,
        ...data,
      });
    }
  }
  return { total: matched.length, items: matched.slice(0, query.limit) };
}
