import { randomUUID } from 'node:crypto';
import { demoScreeningPolicy } from '@border-ledger/points-of-entry';
import type { Purpose, Role } from '@border-ledger/security';
import { crossingBody, flagBody, screeningStart, type Fixtures } from './access-matrix.fixtures';
import { POST_OF, type Scope, type SecuredEdgeNode } from './edge-node.test-app';

/** Who may call an endpoint: `own` at their own point of entry only, `any` of the country. */
export type Expectation = Partial<Record<Role, 'own' | 'any'>>;

export interface Endpoint {
  readonly name: string;
  /** Records of a point of entry (tried at the caller's own and at another), or the node's. */
  readonly scoped: boolean;
  /** Written out here, apart from ACCESS_RULES, so that the two must agree. */
  readonly allowed: Expectation;
  readonly ok: number;
  readonly purpose?: Purpose;
  request(fx: Fixtures, scope: Scope): Promise<{ method: string; path: string; body?: unknown }>;
}

const ALL: Expectation = {
  'border-officer': 'any', 'port-health-officer': 'any', 'quarantine-staff': 'any', 'protection-officer': 'any',
  'cross-border-coordinator': 'any', auditor: 'any', administrator: 'any',
};
const get = (path: string) => async () => ({ method: 'GET', path });
const day = new Date().toISOString().slice(0, 10);
const week = { mon: { opens: '06:00', closes: '22:00' }, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null };
const rules = demoScreeningPolicy('TH', '2020-01-01T00:00:00Z').rules;

/** A fresh agreement each call (an agreement id is recorded once). */
const agreementBody = () => ({
  agreementId: `th-kh-${randomUUID().slice(0, 8)}`,
  parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'KH-GDI', country: 'KH' }],
  purpose: 'border-management',
  records: { 'exchange.crossing.v1': { fields: ['ageBand', 'sex'] } },
  retentionDays: 90,
  effectiveFrom: day,
});

type ReferralStage = 'pending' | 'consented' | 'accepted' | 'declined';
const PROTECTION = { sub: 'referral-fixtures', agency: 'TH-DSDW', roles: ['protection-officer' as const], pointsOfEntry: [] };
const PROTECTION_ONLY: Expectation = { 'protection-officer': 'any' };

/**
 * A legal-aid referral of a fresh flag of the post, opened by a protection officer once the
 * referrals process manager has seen the flag (it follows the log), and taken to `stage`.
 */
async function referral(fx: Fixtures, scope: Scope, stage: ReferralStage = 'pending', service = 'legal-aid'): Promise<{ flagId: string; id: string }> {
  const node = (fx as unknown as { node: SecuredEdgeNode }).node;
  const flagId = await fx.flag(scope);
  const send = async (path: string, body: unknown, ok = 200) => {
    for (let tries = 0; ; tries += 1) {
      const reply = await node.send('POST', path, { token: PROTECTION, body });
      if (reply.status === ok) return reply;
      if (reply.status !== 404 || tries > 200) throw new Error(`referral fixture ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const id = (await send('/referrals', { flagId, service }, 201)).body['referralId'] as string;
  if (stage === 'consented' || stage === 'accepted') await send(`/referrals/${id}/consent`, { decision: 'given' });
  if (stage === 'accepted') await send(`/referrals/${id}/accept`, {});
  if (stage === 'declined') await send(`/referrals/${id}/decline`, { reason: 'no-capacity' });
  return { flagId, id };
}
const referralAct = (path: string, stage: ReferralStage, body: unknown) => async (fx: Fixtures, scope: Scope) =>
  ({ method: 'POST', path: `/referrals/${(await referral(fx, scope, stage)).id}/${path}`, body });

const QUARANTINE_CENTRES = [
  { code: 'TH-QC-SAKAEO', name: 'Sa Kaeo quarantine centre', country: 'TH', province: 'Sa Kaeo', capacity: { adults: 1000, families: 0, 'isolation-rooms': 0, 'children-with-guardian': 0 } },
  { code: 'TH-QC-TAK', name: 'Tak quarantine centre', country: 'TH', province: 'Tak', capacity: { adults: 1000, families: 0, 'isolation-rooms': 0, 'children-with-guardian': 0 } },
];
/** Quarantine staff are of TH-QC-SAKAEO (see `officer`): a stay there is their own, one at Tak another's. */
const CENTRE_OF: Record<Scope, string> = { own: 'TH-QC-SAKAEO', other: 'TH-QC-TAK' };
const HEALTH = { sub: 'quarantine-fixtures', agency: 'TH-DDC', roles: ['quarantine-staff' as const, 'administrator' as const], pointsOfEntry: [], centres: Object.values(CENTRE_OF) };
const QUARANTINE_STAFF: Expectation = { 'quarantine-staff': 'own' };
const HEALTH_READERS: Expectation = { 'quarantine-staff': 'own', 'port-health-officer': 'any' };
const OCCUPANCY_READERS: Expectation = { 'quarantine-staff': 'any', 'port-health-officer': 'any', administrator: 'any' };
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** The quarantine centres of the fixtures (registering the same body again is a replay). */
async function quarantineCentres(fx: Fixtures): Promise<SecuredEdgeNode> {
  const node = (fx as unknown as { node: SecuredEdgeNode }).node;
  for (const centre of QUARANTINE_CENTRES) await node.send('POST', '/quarantine/centres', { token: HEALTH, body: centre });
  return node;
}

/** A fresh stay at the centre of `scope`, admitted by hand ten days ago for one day (so it may be released). */
async function stay(fx: Fixtures, scope: Scope): Promise<string> {
  const node = await quarantineCentres(fx);
  const crossingId = randomUUID();
  const body = { crossingId, centre: CENTRE_OF[scope], admittedAt: daysAgo(10), category: 'adults', measure: 'quarantine', days: 1, requiresNegativeTest: false };
  const reply = await node.send('POST', '/quarantine/stays', { token: HEALTH, body });
  if (reply.status !== 201) throw new Error(`stay fixture: ${reply.status} ${JSON.stringify(reply.body)}`);
  return crossingId;
}
const stayAct = (path: string, body: () => unknown) => async (fx: Fixtures, scope: Scope) => ({ method: 'POST', path: `/quarantine/stays/${await stay(fx, scope)}/${path}`, body: body() });

/** Every endpoint of the edge node behind access control (health, metrics: see the public tests). */
export const ENDPOINTS: readonly Endpoint[] = [
  { name: 'POST /crossings', scoped: true, allowed: { 'border-officer': 'own' }, ok: 201,
    request: async (_fx, scope) => ({ method: 'POST', path: '/crossings', body: crossingBody(POST_OF[scope]) }) },
  { name: 'GET /crossings/:id', scoped: true, allowed: { 'border-officer': 'own', 'protection-officer': 'any' }, ok: 200, purpose: 'border-control',
    request: async (fx, scope) => ({ method: 'GET', path: `/crossings/${(await fx.crossing(scope, true)).crossingId}` }) },
  { name: 'POST /crossings/:id/void', scoped: true, allowed: { 'border-officer': 'own' }, ok: 200,
    request: async (fx, scope) => ({ method: 'POST', path: `/crossings/${(await fx.crossing(scope)).crossingId}/void`, body: { reason: 'recorded twice' } }) },
  { name: 'GET /points-of-entry', scoped: false, allowed: ALL, ok: 200, request: get('/points-of-entry') },
  { name: 'GET /points-of-entry/:code', scoped: false, allowed: ALL, ok: 200, request: get('/points-of-entry/TH-MAESOT') },
  { name: 'POST /points-of-entry', scoped: false, allowed: { administrator: 'any' }, ok: 201,
    request: async () => ({ method: 'POST', path: '/points-of-entry', body: { code: 'TH-CHONGCHOM', name: 'Chong Chom', country: 'TH', kind: 'land', pairedWith: 'KH-OSMACH', hours: { kind: 'weekly', days: week } } }) },
  { name: 'GET /quarantine/centres', scoped: false, ok: 200, request: get('/quarantine/centres'),
    allowed: { 'quarantine-staff': 'any', 'port-health-officer': 'any', administrator: 'any' } },
  { name: 'POST /quarantine/centres', scoped: false, allowed: { administrator: 'any' }, ok: 201,
    request: async () => ({ method: 'POST', path: '/quarantine/centres', body: { code: 'TH-SAKAEO-1', name: 'Sa Kaeo centre', country: 'TH',
      province: 'Sa Kaeo', capacity: { adults: 40, families: 10, 'isolation-rooms': 6, 'children-with-guardian': 8 } } }) },
  { name: 'POST /quarantine/stays', scoped: true, allowed: QUARANTINE_STAFF, ok: 201,
    request: async (fx, scope) => {
      await quarantineCentres(fx);
      return { method: 'POST', path: '/quarantine/stays', body: { crossingId: randomUUID(), centre: CENTRE_OF[scope], admittedAt: daysAgo(1), category: 'adults', measure: 'quarantine', days: 7, requiresNegativeTest: true } };
    } },
  { name: 'GET /quarantine/stays/:id', scoped: true, allowed: HEALTH_READERS, ok: 200, purpose: 'quarantine-care',
    request: async (fx, scope) => ({ method: 'GET', path: `/quarantine/stays/${await stay(fx, scope)}` }) },
  { name: 'POST /quarantine/stays/:id/daily-checks', scoped: true, allowed: QUARANTINE_STAFF, ok: 200,
    request: stayAct('daily-checks', () => ({ date: daysAgo(1).slice(0, 10), symptoms: [], celsius: 36.7 })) },
  { name: 'POST /quarantine/stays/:id/tests', scoped: true, allowed: QUARANTINE_STAFF, ok: 200,
    request: stayAct('tests', () => ({ testType: 'pcr', result: 'negative', takenAt: daysAgo(1) })) },
  { name: 'POST /quarantine/stays/:id/release', scoped: true, allowed: QUARANTINE_STAFF, ok: 200, request: stayAct('release', () => ({ releasedAt: daysAgo(0) })) },
  { name: 'POST /quarantine/stays/:id/transfer', scoped: true, allowed: QUARANTINE_STAFF, ok: 200,
    request: async (fx, scope) => stayAct('transfer', () => ({ to: CENTRE_OF[scope === 'own' ? 'other' : 'own'], transferredAt: daysAgo(1) }))(fx, scope) },
  { name: 'POST /quarantine/stays/:id/abscond', scoped: true, allowed: QUARANTINE_STAFF, ok: 200, request: stayAct('abscond', () => ({ abscondedAt: daysAgo(1) })) },
  { name: 'GET /quarantine/occupancy', scoped: false, allowed: OCCUPANCY_READERS, ok: 200, request: get(`/quarantine/occupancy?date=${day}`) },
  { name: 'GET /quarantine/expected-releases', scoped: false, allowed: OCCUPANCY_READERS, ok: 200, request: get('/quarantine/expected-releases?days=7') },
  { name: 'GET /quarantine/bed-days', scoped: false, allowed: OCCUPANCY_READERS, ok: 200, request: get(`/quarantine/bed-days?from=${daysAgo(30).slice(0, 10)}&to=${day}`) },
  { name: 'GET /quarantine/alerts', scoped: false, allowed: HEALTH_READERS, ok: 200, purpose: 'quarantine-care', request: get('/quarantine/alerts') },
  { name: 'POST /points-of-entry/:code/hours', scoped: false, allowed: { administrator: 'any' }, ok: 200,
    request: async () => ({ method: 'POST', path: '/points-of-entry/TH-MAESOT/hours', body: { hours: { kind: 'weekly', days: week } } }) },
  { name: 'GET /travellers/:ref', scoped: false, allowed: { administrator: 'any' }, ok: 200, purpose: 'data-subject-request',
    request: async (fx) => ({ method: 'GET', path: `/travellers/${(await fx.crossing('own', true)).travellerRef}` }) },
  { name: 'POST /travellers/:ref/erasure', scoped: false, allowed: { administrator: 'any' }, ok: 200,
    request: async (fx) => ({ method: 'POST', path: `/travellers/${(await fx.crossing('own', true)).travellerRef}/erasure`, body: { reason: 'data-subject-request', legalBasis: 'TH PDPA 2019 s.33', requestedBy: 'TH-IMM/dpo-17' } }) },
  { name: 'POST /screenings', scoped: true, allowed: { 'port-health-officer': 'own' }, ok: 201,
    request: async (fx, scope) => ({ method: 'POST', path: '/screenings', body: screeningStart(POST_OF[scope], (await fx.crossing(scope)).crossingId) }) },
  { name: 'POST /screenings/:id/health-declaration', scoped: true, allowed: { 'port-health-officer': 'own' }, ok: 200,
    request: async (fx, scope) => ({ method: 'POST', path: `/screenings/${await fx.screening(scope, 'started')}/health-declaration`, body: { symptoms: ['cough'], countriesVisited: [], contactWithCase: false } }) },
  { name: 'POST /screenings/:id/temperature', scoped: true, allowed: { 'port-health-officer': 'own' }, ok: 200,
    request: async (fx, scope) => ({ method: 'POST', path: `/screenings/${await fx.screening(scope, 'declared')}/temperature`, body: { celsius: 38.1 } }) },
  { name: 'POST /screenings/:id/tests', scoped: true, allowed: { 'port-health-officer': 'own' }, ok: 200,
    request: async (fx, scope) => ({ method: 'POST', path: `/screenings/${await fx.screening(scope, 'assessed')}/tests`, body: { testType: 'pcr', result: 'negative', laboratory: 'TH-LAB-SAKAEO' } }) },
  { name: 'POST /screenings/:id/vaccination-certificate', scoped: true, allowed: { 'port-health-officer': 'own' }, ok: 200,
    request: async (fx, scope) => ({ method: 'POST', path: `/screenings/${await fx.screening(scope, 'assessed')}/vaccination-certificate`, body: { doses: 2, product: 'coronavac', doseDates: ['2026-01-01', '2026-02-01'], verified: true } }) },
  { name: 'POST /screenings/:id/outcome', scoped: true, allowed: { 'port-health-officer': 'own' }, ok: 200,
    request: async (fx, scope) => ({ method: 'POST', path: `/screenings/${await fx.screening(scope, 'assessed')}/outcome`, body: {} }) },
  { name: 'GET /screenings/:id (quarantined)', scoped: true, ok: 200, purpose: 'health-screening',
    allowed: { 'port-health-officer': 'own', 'quarantine-staff': 'any', 'border-officer': 'own' },
    request: async (fx, scope) => ({ method: 'GET', path: `/screenings/${await fx.screening(scope, 'decided')}` }) },
  { name: 'GET /screenings/:id (cleared)', scoped: true, ok: 200, purpose: 'health-screening',
    allowed: { 'port-health-officer': 'own', 'border-officer': 'own' },
    request: async (fx, scope) => ({ method: 'GET', path: `/screenings/${await fx.screening(scope, 'decided', '5-11')}` }) },
  { name: 'GET /screening/outcomes', scoped: false, ok: 200, allowed: { 'port-health-officer': 'any', 'quarantine-staff': 'any', 'cross-border-coordinator': 'any' }, request: get('/screening/outcomes') },
  { name: 'GET /screening/positivity', scoped: false, ok: 200, allowed: { 'port-health-officer': 'any', 'quarantine-staff': 'any', 'cross-border-coordinator': 'any' }, request: get('/screening/positivity') },
  { name: 'GET /screening/policies/:country', scoped: false, allowed: ALL, ok: 200, request: get('/screening/policies/TH') },
  { name: 'GET /screening/policies/:country/in-force', scoped: false, allowed: ALL, ok: 200, request: get('/screening/policies/TH/in-force') },
  { name: 'POST /screening/policies', scoped: false, allowed: { 'port-health-officer': 'any' }, ok: 201,
    request: async () => ({ method: 'POST', path: '/screening/policies', body: { country: 'TH', version: 2, effectiveFrom: '2021-01-01T00:00:00+07:00', rules } }) },
  { name: 'POST /screening/what-if', scoped: false, allowed: { 'port-health-officer': 'any' }, ok: 200,
    request: async () => ({ method: 'POST', path: '/screening/what-if', body: { draft: { country: 'TH', rules }, from: `${day}T00:00:00Z`, to: `${day}T23:59:59Z` } }) },
  { name: 'GET /flags/indicators', scoped: false, allowed: ALL, ok: 200, request: get('/flags/indicators') },
  { name: 'POST /flags', scoped: true, allowed: { 'border-officer': 'own', 'protection-officer': 'any' }, ok: 201,
    request: async (fx, scope) => ({ method: 'POST', path: '/flags', body: flagBody(POST_OF[scope], (await fx.crossing(scope)).crossingId) }) },
  { name: 'GET /flags?pointOfEntry', scoped: true, allowed: { 'border-officer': 'own', 'protection-officer': 'any' }, ok: 200, request: async (_fx, scope) => ({ method: 'GET', path: `/flags?pointOfEntry=${POST_OF[scope]}` }) },
  { name: 'GET /flags/:id', scoped: true, allowed: { 'border-officer': 'own', 'protection-officer': 'any' }, ok: 200, purpose: 'protection',
    request: async (fx, scope) => ({ method: 'GET', path: `/flags/${await fx.flag(scope)}` }) },
  { name: 'POST /flags/:id/indicators', scoped: true, allowed: { 'border-officer': 'own', 'protection-officer': 'any' }, ok: 200,
    request: async (fx, scope) => ({ method: 'POST', path: `/flags/${await fx.flag(scope)}/indicators`, body: { indicators: ['debt-bondage'] } }) },
  { name: 'POST /flags/:id/close', scoped: true, allowed: { 'protection-officer': 'any' }, ok: 200,
    request: async (fx, scope) => ({ method: 'POST', path: `/flags/${await fx.flag(scope)}/close`, body: { reason: 'referred-to-protection-services' } }) },
  { name: 'POST /flags/:id/withdraw', scoped: true, allowed: { 'border-officer': 'own', 'protection-officer': 'any' }, ok: 200,
    request: async (fx, scope) => ({ method: 'POST', path: `/flags/${await fx.flag(scope)}/withdraw`, body: { reason: 'raised-in-error' } }) },
  { name: 'GET /referrals', scoped: false, allowed: PROTECTION_ONLY, ok: 200, request: get('/referrals?urgent=false') },
  { name: 'GET /referrals/counts', scoped: false, allowed: { 'protection-officer': 'any', 'cross-border-coordinator': 'any' }, ok: 200, request: get('/referrals/counts') },
  { name: 'GET /referrals/:id', scoped: true, allowed: PROTECTION_ONLY, ok: 200, purpose: 'protection',
    request: async (fx, scope) => ({ method: 'GET', path: `/referrals/${(await referral(fx, scope)).id}` }) },
  { name: 'POST /referrals', scoped: true, allowed: PROTECTION_ONLY, ok: 201,
    request: async (fx, scope) => ({ method: 'POST', path: '/referrals', body: { flagId: (await referral(fx, scope, 'pending', 'shelter')).flagId, service: 'legal-aid' } }) },
  { name: 'POST /referrals/:id/consent', scoped: false, allowed: PROTECTION_ONLY, ok: 200, request: referralAct('consent', 'pending', { decision: 'given' }) },
  { name: 'POST /referrals/:id/accept', scoped: true, allowed: PROTECTION_ONLY, ok: 200, request: referralAct('accept', 'consented', {}) },
  { name: 'POST /referrals/:id/decline', scoped: false, allowed: PROTECTION_ONLY, ok: 200, request: referralAct('decline', 'pending', { reason: 'outside-mandate' }) },
  { name: 'POST /referrals/:id/services-delivered', scoped: false, allowed: PROTECTION_ONLY, ok: 200, request: referralAct('services-delivered', 'accepted', {}) },
  { name: 'POST /referrals/:id/close', scoped: false, allowed: PROTECTION_ONLY, ok: 200, request: referralAct('close', 'declined', { outcome: 'not-succeeded', reason: 'service-unavailable' }) },
  { name: 'POST /referrals/:id/revoke', scoped: false, allowed: PROTECTION_ONLY, ok: 200, request: referralAct('revoke', 'pending', { reason: 'opened-in-error' }) },
  { name: 'POST /referrals/:id/share', scoped: false, allowed: PROTECTION_ONLY, ok: 200, request: referralAct('share', 'consented', { toCountry: 'KH' }) },
  { name: 'GET /statistics/crossings', scoped: false, allowed: { 'cross-border-coordinator': 'any' }, ok: 200, request: get('/statistics/crossings?groupBy=sex') },
  { name: 'GET /exchange/crossings', scoped: false, allowed: { 'cross-border-coordinator': 'any' }, ok: 200, request: get('/exchange/crossings') },
  { name: 'GET /exchange/crossings/counts', scoped: false, allowed: { 'cross-border-coordinator': 'any' }, ok: 200, request: get('/exchange/crossings/counts') },
  { name: 'GET /exchange/agreements', scoped: false, allowed: { 'cross-border-coordinator': 'any', administrator: 'any' }, ok: 200, request: get('/exchange/agreements') },
  { name: 'POST /exchange/agreements', scoped: false, allowed: { administrator: 'any' }, ok: 201, request: async () => ({ method: 'POST', path: '/exchange/agreements', body: agreementBody() }) },
  { name: 'GET /exchange/records', scoped: false, allowed: { 'cross-border-coordinator': 'any' }, ok: 200, request: get('/exchange/records?corridor=TH-KH') },
  { name: 'GET /exchange/flags', scoped: false, allowed: { 'cross-border-coordinator': 'any' }, ok: 200, request: get('/exchange/flags') },
  { name: 'GET /exchange/integrity', scoped: false, allowed: { 'cross-border-coordinator': 'any' }, ok: 200, request: get('/exchange/integrity') },
  { name: 'GET /exchange/integrity/checkpoints', scoped: false, allowed: { 'cross-border-coordinator': 'any' }, ok: 200, request: get('/exchange/integrity/checkpoints') },
  { name: 'POST /exchange/integrity/witness', scoped: false, allowed: { 'cross-border-coordinator': 'any' }, ok: 200,
    request: async () => ({ method: 'POST', path: '/exchange/integrity/witness', body: { body: 'AAAA', signature: 'AAAA', keyId: '0000000000000000' } }) },
  { name: 'GET /exchange/match-alerts', scoped: false, allowed: { 'cross-border-coordinator': 'any' }, ok: 200, request: get('/exchange/match-alerts?open=true') },
  { name: 'GET /exchange/referrals', scoped: false, allowed: PROTECTION_ONLY, ok: 200, purpose: 'protection', request: get('/exchange/referrals') },
  // Past the access check, the rule refuses an answer to a request never received: 422, not 403.
  { name: 'POST /exchange/referrals/:agreementId/:ref/responses', scoped: false, allowed: PROTECTION_ONLY, ok: 422,
    request: async () => ({ method: 'POST', path: '/exchange/referrals/th-kh-protection/AAAAAAAAAAAAAAAAAAAAAA/responses', body: { stage: 'acknowledged' } }) },
  { name: 'GET /operations/work-queues', scoped: false, allowed: { administrator: 'any' }, ok: 200, request: get('/operations/work-queues') },
  { name: 'GET /operations/work-queues/:queue/items', scoped: false, allowed: { administrator: 'any' }, ok: 200, request: get('/operations/work-queues/referrals/items?state=parked') },
  { name: 'POST /operations/work-queues/:queue/items/:id/retry', scoped: false, allowed: { administrator: 'any' }, ok: 200,
    request: async (fx) => ({ method: 'POST', path: `/operations/work-queues/referrals/items/${encodeURIComponent(fx.parkedWork('referrals'))}/retry` }) },
  { name: 'GET /audit', scoped: false, allowed: { auditor: 'any' }, ok: 200, purpose: 'oversight', request: get('/audit') },
  { name: 'GET /audit/verify', scoped: false, allowed: { auditor: 'any' }, ok: 200, purpose: 'oversight', request: get('/audit/verify') },
  { name: 'GET /openapi.json', scoped: false, allowed: ALL, ok: 200, request: get('/openapi.json') },
];
