import { randomUUID } from 'node:crypto';
import type { Resource } from '../access/resource';
import type { Principal } from '../principal/principal';
import type { ClaimedIdentity } from '../token/token-verifier';
import { ACCESS_GRANTED, ACCESS_REFUSED, auditStream, type AccessAuditData, type AuditLog } from './audit-log.port';

/** This node, stamped on every audit event's envelope. */
export interface NodeRef {
  readonly agency: string;
  readonly country: string;
}

/** One access to record. */
export interface AccessEntry {
  readonly outcome: 'granted' | 'refused';
  readonly status: number;
  readonly reason?: string;
  /** The verified caller; for a refused token, `claimed` says who it said it was (signature held). */
  readonly principal?: Principal | null;
  readonly claimed?: ClaimedIdentity | null;
  readonly action?: string;
  readonly view?: string;
  readonly method: string;
  readonly route: string;
  readonly resource?: Partial<Resource> & { readonly type: string };
  readonly purpose?: string | null;
  readonly correlationId: string;
  readonly unrecorded?: number;
}

/**
 * Appends `security.access-granted.v1` (sensitive reads) and `security.access-refused.v1` (every
 * refusal) to the stream `audit-<UTC day>` of the node's log. The caller awaits it: a sensitive
 * record is not answered unless its read is recorded.
 */
export class AccessAudit {
  constructor(
    private readonly log: AuditLog,
    private readonly node: NodeRef,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record(entry: AccessEntry): Promise<void> {
    const now = this.clock();
    const who = entry.principal;
    const data: AccessAuditData = {
      outcome: entry.outcome,
      status: entry.status,
      reason: entry.reason ?? null,
      subject: who?.subject ?? entry.claimed?.subject ?? null,
      issuer: who?.issuer ?? entry.claimed?.issuer ?? null,
      agency: who?.agency ?? entry.claimed?.agency ?? null,
      roles: who ? [...who.roles] : [],
      clientId: who?.clientId ?? null,
      action: entry.action ?? null,
      view: entry.view ?? null,
      method: entry.method,
      route: entry.route,
      resource: entry.resource
        ? { type: entry.resource.type, id: entry.resource.id ?? null, country: entry.resource.country ?? null, pointOfEntry: entry.resource.pointOfEntry ?? null }
        : null,
      purpose: entry.purpose ?? null,
      ...(entry.unrecorded ? { unrecorded: entry.unrecorded } : {}),
    };
    await this.log.append(
      auditStream(now.toISOString().slice(0, 10)),
      [
        {
          eventId: randomUUID(),
          type: entry.outcome === 'granted' ? ACCESS_GRANTED : ACCESS_REFUSED,
          schemaVersion: 1,
          data,
          occurredAt: now.toISOString(),
          metadata: { agency: this.node.agency, country: this.node.country, correlationId: entry.correlationId, causationId: null },
        },
      ],
      'any',
    );
  }
}
