import { authorize, listScope } from '../access/authorize';
import type { Purpose } from '../access/purpose';
import type { Resource } from '../access/resource';
import { ACCESS_RULES, type Action, type View } from '../access/role-table';
import type { AccessAudit } from '../audit/access-audit';
import type { Principal } from '../principal/principal';
import type { RequestFacts } from './http-facts';
import { forbidden } from './refusals';

interface Enforcement {
  readonly audit: AccessAudit;
  readonly country: string;
  readonly facts: RequestFacts;
}

/**
 * Access control inside a handler, for what is known only once the record is loaded (its point
 * of entry, its outcome) or read from the body. Each check refuses with 403 and records the
 * refusal, or returns the view to apply and records a sensitive read.
 *
 * Apps without `SecurityModule` (feature tests) get {@link AccessContext.unrestricted}: every
 * check passes with the richest view. `bootstrapService` refuses to start such an app.
 */
export class AccessContext {
  private checkedRecord = false;

  private constructor(
    readonly principal: Principal | null,
    readonly purpose: Purpose | null,
    private readonly enforcement: Enforcement | null,
  ) {}

  /** The context of a request the security guard admitted (`principal` null on public routes). */
  static enforced(principal: Principal | null, purpose: Purpose | null, enforcement: Enforcement): AccessContext {
    return new AccessContext(principal, purpose, enforcement);
  }

  /** No security installed: everything is allowed, nothing is recorded. */
  static unrestricted(): AccessContext {
    return new AccessContext(null, null, null);
  }

  /** True once a record or list check has run (the interceptor refuses to answer otherwise). */
  get checked(): boolean {
    return this.checkedRecord || this.enforcement === null;
  }

  /**
   * Checks `action` on a loaded record.
   * @returns the view to apply.
   * @throws 403 (audited) when outside the principal's grants.
   */
  async authorize(action: Action, resource: Resource): Promise<View> {
    this.checkedRecord = true;
    const enforcement = this.enforcement;
    if (!enforcement) return ACCESS_RULES[action].grants[0].view;
    const decision = this.principal ? authorize(this.principal, action, resource) : { allowed: false as const, action, reason: 'no-role' as const };
    const entry = { action, method: enforcement.facts.method, route: enforcement.facts.route, correlationId: enforcement.facts.correlationId, principal: this.principal, resource, purpose: this.purpose };
    if (!decision.allowed) {
      await enforcement.audit.record({ ...entry, outcome: 'refused', status: 403, reason: decision.reason });
      throw forbidden(action, decision.reason);
    }
    if (decision.sensitive) await enforcement.audit.record({ ...entry, outcome: 'granted', status: 200, view: decision.view });
    return decision.view;
  }

  /**
   * The points of entry a list may show: the one `requested` (when the principal may see it),
   * the principal's own, or `null` for every one of the node's country.
   * @throws 403 (audited) for a point of entry outside the principal's scope.
   */
  async pointsOfEntry(action: Action, type: string, requested?: string): Promise<readonly string[] | null> {
    this.checkedRecord = true;
    const enforcement = this.enforcement;
    if (!enforcement) return requested === undefined ? null : [requested];
    const scope = this.principal ? listScope(this.principal, action, enforcement.country) : { kind: 'none' as const, reason: 'no-role' as const };
    const outside =
      scope.kind === 'none' ||
      (requested !== undefined && (!requested.startsWith(`${enforcement.country}-`) || (scope.kind === 'points-of-entry' && !scope.codes.includes(requested))));
    if (outside) {
      const reason = scope.kind === 'none' ? scope.reason : 'out-of-scope';
      await enforcement.audit.record({
        outcome: 'refused', status: 403, reason, action, principal: this.principal, purpose: this.purpose,
        method: enforcement.facts.method, route: enforcement.facts.route, correlationId: enforcement.facts.correlationId,
        resource: { type, country: enforcement.country, ...(requested ? { pointOfEntry: requested } : {}) },
      });
      throw forbidden(action, reason);
    }
    if (requested !== undefined) return [requested];
    return scope.kind === 'all' ? null : scope.codes;
  }

  /**
   * A record this node does not hold (yet): it belongs to the node's country and to no point of
   * entry, so only country-wide grants reach the command (which then answers that it is unknown).
   */
  unknownRecord(type: string, id: string): Resource {
    return { type, id, country: this.enforcement?.country ?? '' };
  }

  /** Whether the caller may take a node-wide `action` (no record, nothing recorded): optional detail. */
  allows(action: Action): boolean {
    if (!this.enforcement) return true;
    return this.principal !== null && authorize(this.principal, action, { type: 'node', country: this.enforcement.country }).allowed;
  }
}
