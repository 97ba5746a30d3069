import { demoScreeningPolicy } from '@border-ledger/points-of-entry';
import type { Purpose, Role } from '@border-ledger/security';
import { crossingBody, flagBody, screeningStart, type Fixtures } from './access-matrix.fixtures';
import { POST_OF, type Scope } from './edge-node.test-app';

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
  { name: 'GET /statistics/crossings', scoped: false, allowed: { 'cross-border-coordinator': 'any' }, ok: 200, request: get('/statistics/crossings?groupBy=sex') },
  { name: 'GET /exchange/crossings', scoped: false, allowed: { 'cross-border-coordinator': 'any' }, ok: 200, request: get('/exchange/crossings') },
  { name: 'GET /exchange/crossings/counts', scoped: false, allowed: { 'cross-border-coordinator': 'any' }, ok: 200, request: get('/exchange/crossings/counts') },
  { name: 'GET /audit', scoped: false, allowed: { auditor: 'any' }, ok: 200, purpose: 'oversight', request: get('/audit') },
  { name: 'GET /audit/verify', scoped: false, allowed: { auditor: 'any' }, ok: 200, purpose: 'oversight', request: get('/audit/verify') },
  { name: 'GET /openapi.json', scoped: false, allowed: ALL, ok: 200, request: get('/openapi.json') },
];
