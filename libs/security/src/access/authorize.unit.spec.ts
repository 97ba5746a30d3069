import fc from 'fast-check';
import { ROLES, type Principal, type Role } from '../principal/principal';
import { authorize, listScope } from './authorize';
import type { Resource } from './resource';
import { ACCESS_RULES, ACTIONS, type Action } from './role-table';

const principal = (roles: Role[], extra: Partial<Principal> = {}): Principal => ({
  subject: 'officer-1', issuer: 'https://idp.test', agency: 'TH-IMM', country: 'TH', roles,
  pointsOfEntry: ['TH-ARANYAPRATHET'], centres: ['TH-QC-SAKAEO'], clientId: null, ...extra,
});
const own: Resource = { type: 'flag', id: 'f-1', country: 'TH', pointOfEntry: 'TH-ARANYAPRATHET', healthReferral: 'quarantine', centre: 'TH-QC-SAKAEO' };
// Another post's record, or a stay at another centre.
const otherPost: Resource = { ...own, pointOfEntry: 'TH-MAESOT', centre: 'TH-QC-TAK' };
const cleared: Resource = { ...own, healthReferral: 'cleared' };
const abroad: Resource = { ...own, country: 'KH', pointOfEntry: 'KH-POIPET' };

/**
 * The table spelled out independently: `role: scope/view` per action (scope `poe` = own point of
 * entry only, `country` = any of the country, `quarantine` = quarantine or isolation referrals,
 * `centre` = stays at the principal's own centres).
 * Changing ACCESS_RULES without changing this is a failing test, on purpose.
 */
const EXPECTED: Record<Action, string> = {
  'crossing.record': 'border-officer:poe/full',
  'crossing.read': 'border-officer:poe/full protection-officer:country/full',
  'crossing.void': 'border-officer:poe/full',
  'point-of-entry.register': 'administrator:country/full',
  'point-of-entry.change-hours': 'administrator:country/full',
  'reference.read': ROLES.map((r) => `${r}:country/full`).join(' '),
  'quarantine-centre.register': 'administrator:country/full',
  'quarantine-centre.change-capacity': 'administrator:country/full',
  'quarantine-centre.read': 'quarantine-staff:country/full port-health-officer:country/full administrator:country/full',
  'quarantine-stay.admit': 'quarantine-staff:centre/full',
  'quarantine-stay.record': 'quarantine-staff:centre/full',
  'quarantine-stay.release': 'quarantine-staff:centre/full',
  'quarantine-stay.transfer': 'quarantine-staff:centre/full',
  'quarantine-stay.abscond': 'quarantine-staff:centre/full',
  'quarantine-stay.read': 'quarantine-staff:centre/full port-health-officer:country/full',
  'quarantine-occupancy.read': 'quarantine-staff:country/full port-health-officer:country/full administrator:country/full',
  'quarantine-alert.read': 'quarantine-staff:country/full port-health-officer:country/full',
  'traveller.read': 'administrator:country/full',
  'traveller.erase': 'administrator:country/full',
  'screening.start': 'port-health-officer:poe/full',
  'screening.record': 'port-health-officer:poe/full',
  'screening.read': 'port-health-officer:poe/clinical quarantine-staff:quarantine/clinical border-officer:poe/outcome-only',
  'screening.statistics': 'port-health-officer:country/full quarantine-staff:country/full cross-border-coordinator:country/full',
  'screening-policy.publish': 'port-health-officer:country/full',
  'screening-policy.what-if': 'port-health-officer:country/full',
  'flag.raise': 'border-officer:poe/full protection-officer:country/full',
  'flag.list': 'protection-officer:country/without-note border-officer:poe/without-note',
  'flag.read': 'protection-officer:country/with-note border-officer:poe/without-note',
  'flag.amend': 'border-officer:poe/full protection-officer:country/full',
  'flag.close': 'protection-officer:country/full',
  'flag.withdraw': 'border-officer:poe/full protection-officer:country/full',
  'referral.list': 'protection-officer:country/full',
  'referral.read': 'protection-officer:country/full',
  'referral.open': 'protection-officer:country/full',
  'referral.accept': 'protection-officer:country/full',
  'referral.decline': 'protection-officer:country/full',
  'referral.deliver': 'protection-officer:country/full',
  'referral.close': 'protection-officer:country/full',
  'referral.revoke': 'protection-officer:country/full',
  'referral.consent': 'protection-officer:country/full',
  'referral.share': 'protection-officer:country/full',
  'referral.statistics': 'protection-officer:country/full cross-border-coordinator:country/full',
  'crossing-statistics.read': 'cross-border-coordinator:country/full',
  'exchange.read': 'cross-border-coordinator:country/full',
  'exchange.witness': 'cross-border-coordinator:country/full',
  'exchange-agreement.manage': 'administrator:country/full',
  'exchange-agreement.read': 'cross-border-coordinator:country/full administrator:country/full',
  'exchange-referral.read': 'protection-officer:country/full',
  'exchange-referral.respond': 'protection-officer:country/full',
  'audit.read': 'auditor:country/full',
  'health.detail': 'administrator:country/full',
  'work-queue.read': 'administrator:country/full',
  'work-queue.retry': 'administrator:country/full',
  'api-docs.read': ROLES.map((r) => `${r}:country/full`).join(' '),
};
const SENSITIVE = ['crossing.read', 'traveller.read', 'screening.read', 'flag.read', 'referral.read', 'audit.read', 'quarantine-stay.read', 'quarantine-alert.read', 'exchange-referral.read'];

describe('authorize', () => {
  const cases = ACTIONS.flatMap((action) => ROLES.map((role) => [action, role] as const));

  it.each(cases)('%s by a %s: allowed exactly where the table says, with its view', (action, role) => {
    const expected = EXPECTED[action].split(' ').find((entry) => entry.startsWith(`${role}:`));
    const who = principal([role]);
    const outcomes = [own, otherPost, cleared, abroad].map((resource) => {
      const decision = authorize(who, action, resource);
      return decision.allowed ? decision.view : decision.reason;
    });
    if (!expected) {
      expect(outcomes).toEqual(['no-role', 'no-role', 'no-role', 'no-role']);
      expect(authorize(who, action).allowed).toBe(false);
      return;
    }
    const [scope, view] = expected.slice(role.length + 1).split('/');
    const expectations: Record<string, string[]> = {
      poe: [view, 'out-of-scope', view, 'out-of-scope'],
      country: [view, view, view, 'out-of-scope'],
      quarantine: [view, view, 'out-of-scope', 'out-of-scope'],
      centre: [view, 'out-of-scope', view, 'out-of-scope'],
    };
    expect(outcomes).toEqual(expectations[scope]);
    expect(authorize(who, action)).toMatchObject({ allowed: true, sensitive: SENSITIVE.includes(action) });
  });

  it('knows no other action than those spelled out', () => {
    expect(Object.keys(ACCESS_RULES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('gives a principal with several roles the richest view any of them allows', () => {
    const both = principal(['border-officer', 'protection-officer']);
    expect(authorize(both, 'flag.read', own)).toMatchObject({ allowed: true, view: 'with-note' });
    const health = principal(['border-officer', 'port-health-officer']);
    expect(authorize(health, 'screening.read', own)).toMatchObject({ allowed: true, view: 'clinical' });
    expect(authorize(health, 'screening.read', otherPost)).toMatchObject({ allowed: false, reason: 'out-of-scope' });
  });

  it('refuses quarantine staff holding no centre, and a stay with no centre yet (awaiting a place)', () => {
    const stay: Resource = { type: 'quarantine-stay', id: 's-1', country: 'TH', centre: 'TH-QC-SAKAEO' };
    expect(authorize(principal(['quarantine-staff']), 'quarantine-stay.release', stay)).toMatchObject({ allowed: true });
    expect(authorize(principal(['quarantine-staff'], { centres: [] }), 'quarantine-stay.release', stay)).toMatchObject({ reason: 'out-of-scope' });
    expect(authorize(principal(['quarantine-staff']), 'quarantine-stay.read', { type: 'quarantine-stay', id: 's-2', country: 'TH' })).toMatchObject({ reason: 'out-of-scope' });
    expect(authorize(principal(['port-health-officer']), 'quarantine-stay.read', { type: 'quarantine-stay', id: 's-2', country: 'TH' })).toMatchObject({ allowed: true });
  });

  it('refuses a point-of-entry role holding no point of entry, and an unknown action', () => {
    expect(authorize(principal(['border-officer'], { pointsOfEntry: [] }), 'crossing.read', own)).toMatchObject({ reason: 'out-of-scope' });
    expect(authorize(principal(['border-officer']), 'crossing.read', { type: 'crossing', country: 'TH' })).toMatchObject({ reason: 'out-of-scope' });
    expect(authorize(principal(['administrator']), 'root.everything' as Action, own)).toMatchObject({ allowed: false, reason: 'unknown-action' });
  });

  it('never allows outside the principal country, nor without a granted role (property)', () => {
    const code = fc.constantFrom('TH-ARANYAPRATHET', 'TH-MAESOT', 'KH-POIPET', 'LA-BOTEN');
    fc.assert(
      fc.property(
        fc.subarray([...ROLES]), fc.subarray(['TH-ARANYAPRATHET', 'TH-MAESOT']), fc.constantFrom(...ACTIONS), code,
        fc.constantFrom('quarantine', 'isolation', 'cleared', undefined), fc.constantFrom('TH', 'KH'),
        (roles, poes, action, poe, referral, country) => {
          const who = principal(roles, { pointsOfEntry: poes, country, agency: `${country}-IMM` });
          const resource: Resource = { type: 'x', country: poe.slice(0, 2), pointOfEntry: poe, ...(referral ? { healthReferral: referral } : {}) };
          const decision = authorize(who, action, resource);
          if (!decision.allowed) return;
          expect(resource.country).toBe(who.country);
          expect(roles).toContain(decision.grant.role);
          if (decision.grant.scope === 'point-of-entry') expect(poes).toContain(poe);
        },
      ),
    );
  });
});

describe('listScope', () => {
  it('lists the whole country for a country grant, own points of entry for a post grant, nothing otherwise', () => {
    expect(listScope(principal(['protection-officer']), 'flag.list', 'TH')).toEqual({ kind: 'all' });
    expect(listScope(principal(['border-officer']), 'flag.list', 'TH')).toEqual({ kind: 'points-of-entry', codes: ['TH-ARANYAPRATHET'] });
    expect(listScope(principal(['border-officer'], { pointsOfEntry: [] }), 'flag.list', 'TH')).toEqual({ kind: 'none', reason: 'out-of-scope' });
    expect(listScope(principal(['auditor']), 'flag.list', 'TH')).toEqual({ kind: 'none', reason: 'no-role' });
    expect(listScope(principal(['protection-officer'], { country: 'KH', agency: 'KH-MOSVY' }), 'flag.list', 'TH')).toEqual({ kind: 'none', reason: 'out-of-scope' });
  });
});
