import type { Role } from '../principal/principal';

/**
 * Where a grant applies, checked against the {@link Resource}:
 * - `country`: the record is of the principal's country;
 * - `point-of-entry`: and of one of the principal's points of entry;
 * - `quarantine-referral`: and a screening whose outcome sent the traveller to quarantine or
 *   isolation (quarantine staff);
 * - `centre`: and a stay at one of the principal's quarantine centres (`centres` claim).
 */
export type Scope = 'country' | 'point-of-entry' | 'quarantine-referral' | 'centre';

/**
 * Which fields a granted read shows. `full` is everything the endpoint has; the others drop
 * fields: `without-note` a flag's note (categories and counts stay), `outcome-only` a screening's
 * clinical facts (symptoms, temperature, tests, vaccination, pathway and reasons).
 */
export type View = 'full' | 'with-note' | 'without-note' | 'clinical' | 'outcome-only';

export interface Grant {
  readonly role: Role;
  readonly scope: Scope;
  readonly view: View;
}

/**
 * When the decision can be taken: `node` at the door (the resource is this node's country);
 * `record` only once the handler has loaded the record or read its point of entry from the body
 * (the door checks that some role could be granted); `list` for queries narrowed to what the
 * principal may see.
 */
export type Target = 'node' | 'record' | 'list';

export interface ActionRule {
  readonly target: Target;
  /** A sensitive read: needs a stated purpose, and every grant is recorded in the audit stream. */
  readonly sensitive: boolean;
  /** Richest view first: with several roles, the first matching grant wins. */
  readonly grants: readonly Grant[];
}

const g = (role: Role, scope: Scope, view: View = 'full'): Grant => ({ role, scope, view });
const EVERY_ROLE: readonly Role[] = [
  'border-officer', 'port-health-officer', 'quarantine-staff', 'protection-officer',
  'cross-border-coordinator', 'auditor', 'administrator',
];

/**
 * THE access table: every action of every endpoint, who may take it, where, and what they see.
 * Deny by default — an action, role or scope missing here is refused. `authorize` reads only
 * this table; the endpoint-by-role summary in docs/adr/0007-access-control.md is derived from it.
 *
 * Decisions worth knowing: administrators run the node (points of entry, erasure, health detail)
 * but read no case — no flag note, no clinical detail; auditors read the audit stream and the
 * non-personal reference data only; coordinators read shared crossings and statistics, never a
 * record of a person. Aggregates are country-wide; records of a person are per point of entry
 * for officers stationed at one.
 */
export const ACCESS_RULES = {
  'crossing.record': { target: 'record', sensitive: false, grants: [g('border-officer', 'point-of-entry')] },
  'crossing.read': {
    target: 'record',
    sensitive: true,
    grants: [g('border-officer', 'point-of-entry'), g('protection-officer', 'country')],
  },
  'crossing.void': { target: 'record', sensitive: false, grants: [g('border-officer', 'point-of-entry')] },
  'point-of-entry.register': { target: 'node', sensitive: false, grants: [g('administrator', 'country')] },
  'point-of-entry.change-hours': { target: 'node', sensitive: false, grants: [g('administrator', 'country')] },
  'reference.read': { target: 'node', sensitive: false, grants: EVERY_ROLE.map((role) => g(role, 'country')) },
  'quarantine-centre.register': { target: 'node', sensitive: false, grants: [g('administrator', 'country')] },
  'quarantine-centre.change-capacity': { target: 'node', sensitive: false, grants: [g('administrator', 'country')] },
  'quarantine-centre.read': {
    target: 'node',
    sensitive: false,
    grants: [g('quarantine-staff', 'country'), g('port-health-officer', 'country'), g('administrator', 'country')],
  },
  // Stays: quarantine staff act on the stays of their own centres (admit to one, transfer out of
  // one); reading one is health data (purpose, audit), also open to port health officers of the
  // country. Occupancy is an aggregate for planning; capacity alerts name who awaits a place
  // (health data) so that staff of any centre may take them in.
  'quarantine-stay.admit': { target: 'record', sensitive: false, grants: [g('quarantine-staff', 'centre')] },
  'quarantine-stay.record': { target: 'record', sensitive: false, grants: [g('quarantine-staff', 'centre')] },
  'quarantine-stay.release': { target: 'record', sensitive: false, grants: [g('quarantine-staff', 'centre')] },
  'quarantine-stay.transfer': { target: 'record', sensitive: false, grants: [g('quarantine-staff', 'centre')] },
  'quarantine-stay.abscond': { target: 'record', sensitive: false, grants: [g('quarantine-staff', 'centre')] },
  'quarantine-stay.read': { target: 'record', sensitive: true, grants: [g('quarantine-staff', 'centre'), g('port-health-officer', 'country')] },
  'quarantine-occupancy.read': {
    target: 'node',
    sensitive: false,
    grants: [g('quarantine-staff', 'country'), g('port-health-officer', 'country'), g('administrator', 'country')],
  },
  'quarantine-alert.read': { target: 'node', sensitive: true, grants: [g('quarantine-staff', 'country'), g('port-health-officer', 'country')] },
  'traveller.read': { target: 'node', sensitive: true, grants: [g('administrator', 'country')] },
  'traveller.erase': { target: 'node', sensitive: false, grants: [g('administrator', 'country')] },
  'screening.start': { target: 'record', sensitive: false, grants: [g('port-health-officer', 'point-of-entry')] },
  'screening.record': { target: 'record', sensitive: false, grants: [g('port-health-officer', 'point-of-entry')] },
  'screening.read': {
    target: 'record',
    sensitive: true,
    grants: [
      g('port-health-officer', 'point-of-entry', 'clinical'),
      g('quarantine-staff', 'quarantine-referral', 'clinical'),
      g('border-officer', 'point-of-entry', 'outcome-only'),
    ],
  },
  'screening.statistics': {
    target: 'node',
    sensitive: false,
    grants: [g('port-health-officer', 'country'), g('quarantine-staff', 'country'), g('cross-border-coordinator', 'country')],
  },
  'screening-policy.publish': { target: 'node', sensitive: false, grants: [g('port-health-officer', 'country')] },
  'screening-policy.what-if': { target: 'node', sensitive: false, grants: [g('port-health-officer', 'country')] },
  'flag.raise': { target: 'record', sensitive: false, grants: [g('border-officer', 'point-of-entry'), g('protection-officer', 'country')] },
  'flag.list': {
    target: 'list',
    sensitive: false,
    grants: [g('protection-officer', 'country', 'without-note'), g('border-officer', 'point-of-entry', 'without-note')],
  },
  'flag.read': {
    target: 'record',
    sensitive: true,
    grants: [g('protection-officer', 'country', 'with-note'), g('border-officer', 'point-of-entry', 'without-note')],
  },
  'flag.amend': { target: 'record', sensitive: false, grants: [g('border-officer', 'point-of-entry'), g('protection-officer', 'country')] },
  'flag.close': { target: 'record', sensitive: false, grants: [g('protection-officer', 'country')] },
  'flag.withdraw': { target: 'record', sensitive: false, grants: [g('border-officer', 'point-of-entry'), g('protection-officer', 'country')] },
  // Referrals: protection officers only; coordinators see counts, never a referral.
  'referral.list': { target: 'list', sensitive: false, grants: [g('protection-officer', 'country')] },
  'referral.read': { target: 'record', sensitive: true, grants: [g('protection-officer', 'country')] },
  'referral.open': { target: 'record', sensitive: false, grants: [g('protection-officer', 'country')] },
  'referral.accept': { target: 'record', sensitive: false, grants: [g('protection-officer', 'country')] },
  'referral.decline': { target: 'record', sensitive: false, grants: [g('protection-officer', 'country')] },
  'referral.deliver': { target: 'record', sensitive: false, grants: [g('protection-officer', 'country')] },
  'referral.close': { target: 'record', sensitive: false, grants: [g('protection-officer', 'country')] },
  'referral.revoke': { target: 'record', sensitive: false, grants: [g('protection-officer', 'country')] },
  'referral.consent': { target: 'record', sensitive: false, grants: [g('protection-officer', 'country')] },
  'referral.share': { target: 'record', sensitive: false, grants: [g('protection-officer', 'country')] },
  'referral.statistics': { target: 'node', sensitive: false, grants: [g('protection-officer', 'country'), g('cross-border-coordinator', 'country')] },
  'crossing-statistics.read': { target: 'node', sensitive: false, grants: [g('cross-border-coordinator', 'country')] },
  'exchange.read': { target: 'node', sensitive: false, grants: [g('cross-border-coordinator', 'country')] },
  'exchange.witness': { target: 'node', sensitive: false, grants: [g('cross-border-coordinator', 'country')] },
  'exchange-agreement.manage': { target: 'node', sensitive: false, grants: [g('administrator', 'country')] },
  'exchange-agreement.read': { target: 'node', sensitive: false, grants: [g('cross-border-coordinator', 'country'), g('administrator', 'country')] },
  'exchange-referral.read': { target: 'node', sensitive: true, grants: [g('protection-officer', 'country')] },
  'exchange-referral.respond': { target: 'node', sensitive: false, grants: [g('protection-officer', 'country')] },
  'audit.read': { target: 'node', sensitive: true, grants: [g('auditor', 'country')] },
  'health.detail': { target: 'node', sensitive: false, grants: [g('administrator', 'country')] },
  // Operations: the process managers' queues (ids, kinds and errors; never payloads).
  'work-queue.read': { target: 'node', sensitive: false, grants: [g('administrator', 'country')] },
  'work-queue.retry': { target: 'node', sensitive: false, grants: [g('administrator', 'country')] },
  'api-docs.read': { target: 'node', sensitive: false, grants: EVERY_ROLE.map((role) => g(role, 'country')) },
} as const satisfies Record<string, ActionRule>;

/** An action of the access table. */
export type Action = keyof typeof ACCESS_RULES;
export const ACTIONS = Object.keys(ACCESS_RULES) as Action[];

export function ruleOf(action: Action): ActionRule {
  return ACCESS_RULES[action];
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ACCESS_RULES, value);
}
