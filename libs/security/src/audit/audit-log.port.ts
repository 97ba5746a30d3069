/** Event types of the audit of access. */
export const ACCESS_GRANTED = 'security.access-granted.v1';
export const ACCESS_REFUSED = 'security.access-refused.v1';

/** The audit stream of a UTC day: `audit-2026-11-23`. */
export function auditStream(day: string): string {
  return `audit-${day}`;
}

/** Who, what, how it ended and why: the payload of both audit event types. No personal field. */
export interface AccessAuditData {
  readonly outcome: 'granted' | 'refused';
  /** The HTTP status answered (200 for a granted read). */
  readonly status: number;
  /** Why it was refused: an authentication, authorization, purpose or rate-limit reason. */
  readonly reason: string | null;
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly agency: string | null;
  readonly roles: readonly string[];
  readonly clientId: string | null;
  readonly action: string | null;
  /** The fields shown for a granted read (`with-note`, `outcome-only`, …). */
  readonly view: string | null;
  readonly method: string;
  /** The route pattern (`/flags/:flagId`), never the raw URL. */
  readonly route: string;
  readonly resource: AuditedResource | null;
  readonly purpose: string | null;
  /** Rate-limit refusals of the same caller not recorded one by one since its last record. */
  readonly unrecorded?: number;
}

export interface AuditedResource {
  readonly type: string;
  readonly id: string | null;
  readonly country: string | null;
  readonly pointOfEntry: string | null;
}

/** An audit event as handed to the log. */
export interface AuditNewEvent {
  readonly eventId: string;
  readonly type: typeof ACCESS_GRANTED | typeof ACCESS_REFUSED;
  readonly schemaVersion: number;
  readonly data: AccessAuditData;
  readonly occurredAt: string;
  readonly metadata: { readonly agency: string; readonly country: string; readonly correlationId: string; readonly causationId: null };
}

/** An audit event as stored: hash-chained in the node's log. */
export interface AuditEnvelope {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly position: number;
  readonly previousHash: string;
  readonly hash: string;
  readonly metadata: { readonly correlationId: string };
}

/**
 * Where audit events go: the node's event store (bind the `EVENT_STORE` token), so they are
 * hash-chained with everything else in the log. A structural subset of the EventStore port,
 * which keeps this library free of a dependency on the store's.
 */
export interface AuditLog {
  append(streamId: string, events: readonly AuditNewEvent[], expected: 'any'): Promise<unknown>;
  readStream(streamId: string): Promise<readonly AuditEnvelope[]>;
  verify(): Promise<{ readonly ok: boolean; readonly checked: number }>;
}
