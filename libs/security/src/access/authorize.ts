import type { Principal } from '../principal/principal';
import { QUARANTINE_REFERRALS, type Resource } from './resource';
import { ACCESS_RULES, type Action, type Grant, type Scope, type View } from './role-table';

/** Why a request was refused (recorded in the audit stream). */
export type RefusalReason = 'unknown-action' | 'no-role' | 'out-of-scope';

export type Decision =
  | { readonly allowed: true; readonly action: Action; readonly grant: Grant; readonly view: View; readonly sensitive: boolean }
  | { readonly allowed: false; readonly action: Action; readonly reason: RefusalReason };

/**
 * Whether `principal` may take `action` on `resource`, and with which view. The single source of
 * truth is {@link ACCESS_RULES}; this function only reads it. Pure and total: an unknown action,
 * a principal without a granted role, or a resource outside every grant's scope is refused.
 *
 * Without a resource it answers whether some resource could be granted (the door check of a
 * `record` action, before the record is loaded).
 */
export function authorize(principal: Principal, action: Action, resource?: Resource): Decision {
  const rule = ACCESS_RULES[action] as (typeof ACCESS_RULES)[Action] | undefined;
  if (!rule) return { allowed: false, action, reason: 'unknown-action' };
  const held = rule.grants.filter((grant) => principal.roles.includes(grant.role));
  if (held.length === 0) return { allowed: false, action, reason: 'no-role' };
  const grant = resource === undefined ? held[0] : held.find((candidate) => inScope(principal, candidate.scope, resource));
  if (!grant) return { allowed: false, action, reason: 'out-of-scope' };
  return { allowed: true, action, grant, view: grant.view, sensitive: rule.sensitive };
}

/** True when `resource` is inside `scope` for `principal`. */
export function inScope(principal: Principal, scope: Scope, resource: Resource): boolean {
  if (resource.country !== principal.country) return false;
  switch (scope) {
    case 'country':
      return true;
    case 'point-of-entry':
      return resource.pointOfEntry !== undefined && principal.pointsOfEntry.includes(resource.pointOfEntry);
    case 'quarantine-referral':
      return resource.healthReferral !== undefined && (QUARANTINE_REFERRALS as readonly string[]).includes(resource.healthReferral);
    case 'centre':
      return resource.centre !== undefined && principal.centres.includes(resource.centre);
    default: {
      const never: never = scope;
      return never;
    }
  }
}

/**
 * What a `list` action may show `principal` of a node in `country`: `all` of the country, the
 * principal's points of entry, or nothing (`none`, with the reason).
 */
export function listScope(
  principal: Principal,
  action: Action,
  country: string,
): { readonly kind: 'all' } | { readonly kind: 'points-of-entry'; readonly codes: readonly string[] } | { readonly kind: 'none'; readonly reason: RefusalReason } {
  const decision = authorize(principal, action);
  if (!decision.allowed) return { kind: 'none', reason: decision.reason };
  if (principal.country !== country) return { kind: 'none', reason: 'out-of-scope' };
  const held = ACCESS_RULES[action].grants.filter((grant) => principal.roles.includes(grant.role));
  if (held.some((grant) => grant.scope === 'country')) return { kind: 'all' };
  const codes = principal.pointsOfEntry.filter((code) => code.startsWith(`${country}-`));
  return codes.length > 0 && held.some((grant) => grant.scope === 'point-of-entry') ? { kind: 'points-of-entry', codes } : { kind: 'none', reason: 'out-of-scope' };
}
