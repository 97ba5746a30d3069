import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { openSqlite } from '@border-ledger/event-store';
import { killAllServices, sharedTestIdentityProvider, startService, waitUntil, type ServiceProcess } from '@border-ledger/testing';
import { crossingBody, getJson, metricValue, postJson } from './support/crossings';
import { readTopic } from './support/raw-topic';
import { demoScreeningPolicy } from '@border-ledger/points-of-entry';

const POST = 'TH-ARANYAPRATHET'; // in Sa Kaeo province
const POE_TOPIC = 'th.points-of-entry.events.v1';
const QUARANTINE_TOPIC = 'th.quarantine.events.v1';
const REFERRALS_TOPIC = 'th.referrals.events.v1';
const DAY_MS = 86_400_000;
const Q1 = 'TH-SAKAEO-Q1';
const Q2 = 'TH-SAKAEO-Q2';
const CHANTHABURI = 'TH-CHANTHABURI-Q1';

/** The demo policy: an asymptomatic, untested, unvaccinated adult is quarantined 7 days; release needs a negative test. */
const POLICY_RULES = demoScreeningPolicy('TH', '2020-01-01T00:00:00+07:00').rules;

interface StayView {
  crossingId: string;
  status: 'awaiting-place' | 'admitted' | 'released' | 'absconded';
  centre?: string;
  revision: number;
}
interface Centre {
  code: string;
  occupancy: { adults: number };
}
interface Referral {
  referralId: string;
  flagId: string;
  service: string;
  urgent: boolean;
  childProtection: boolean;
  status: string;
  openedAt: string;
  acceptanceDeadline: string;
  escalatedAt: string | null;
}

/**
 * Issue #4 across real processes on the real broker: points-of-entry, quarantine and referrals
 * each write their own SQLite log, each followed by its own relay. Screening outcomes become
 * admissions (same province first, then the country, else a capacity alert), a release frees a
 * place, a child flagged at the border becomes an urgent child-protection referral that escalates.
 * Services are killed mid-flow and restarted; then fresh consumer groups replay every topic from
 * offset zero onto the same data: nothing may change.
 */
describe('quarantine and referrals, driven by events across services', () => {
  const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',');
  const run = randomUUID().slice(0, 8);
  const node = { NODE_COUNTRY: 'TH', NODE_AGENCY: 'TH-IMM', KAFKA_BROKERS: brokers.join(','), IDENTITY_HASH_KEY: randomBytes(32).toString('base64') };
  const idp = sharedTestIdentityProvider();
  let dir: string;
  const paths = () => ({
    poe: join(dir, 'poe'),
    quarantine: join(dir, 'quarantine'),
    quarantineLog: join(dir, 'quarantine', 'quarantine-events.sqlite'),
    quarantineRelay: join(dir, 'quarantine-relay'),
    referrals: join(dir, 'referrals'),
    referralsLog: join(dir, 'referrals', 'referrals-events.sqlite'),
    referralsRelay: join(dir, 'referrals-relay'),
  });
  const env = {
    poe: () => ({ ...node, DATA_DIR: paths().poe }),
    poeRelay: () => ({ ...node, DATA_DIR: paths().poe, RELAY_NAME: `th-poe-${run}` }),
    quarantine: (group: string) => ({ ...node, DATA_DIR: paths().quarantine, EVENT_STORE_PATH: paths().quarantineLog, QUARANTINE_GROUP_ID: group }),
    quarantineRelay: () => ({
      ...node,
      DATA_DIR: paths().quarantineRelay,
      EVENT_STORE_PATH: paths().quarantineLog,
      RELAY_NAME: `th-quarantine-${run}`,
      RELAY_CHECKPOINT_PATH: join(paths().quarantineRelay, 'relay.sqlite'),
    }),
    referrals: (group: string) => ({ ...node, DATA_DIR: paths().referrals, REFERRALS_GROUP_ID: group, REFERRALS_URGENT_ACCEPT_WITHIN_MINUTES: '0.25' }),
    referralsRelay: () => ({
      ...node,
      DATA_DIR: paths().referralsRelay,
      EVENT_STORE_PATH: paths().referralsLog,
      RELAY_NAME: `th-referrals-${run}`,
      RELAY_CHECKPOINT_PATH: join(paths().referralsRelay, 'relay.sqlite'),
    }),
  };
  const groups = { quarantine: `th-quarantine-${run}`, referrals: `th-referrals-${run}` };
  const svc: Record<'poe' | 'poeRelay' | 'quarantine' | 'quarantineRelay' | 'referrals' | 'referralsRelay', ServiceProcess> = {} as never;
  const h: Record<'officer' | 'health' | 'admin' | 'staff' | 'protection', Record<string, string>> = {} as never;

  const iso = (msAgo: number): string => new Date(Date.now() - msAgo).toISOString();

  // ---- points of entry ------------------------------------------------------------------------
  async function recordCrossing(occurredAt: string, patch: Record<string, unknown> = {}): Promise<string> {
    const base = crossingBody(0, occurredAt.slice(0, 10));
    const response = await postJson(`${svc.poe.baseUrl}/crossings`, { ...base, ageBand: '25-34', occurredAt, ...patch }, h.officer);
    expect(response).toMatchObject({ status: 201 });
    return base['crossingId']!;
  }

  /** Screens an adult at the post: asymptomatic, untested, not vaccinated → 7 days of quarantine. */
  async function screenToQuarantine(crossingId: string, crossedAt: string): Promise<void> {
    const step = (path: string, body: unknown) => postJson(`${svc.poe.baseUrl}/screenings${path}`, body, h.health);
    expect(await step('', { crossingId, pointOfEntry: POST, ageBand: '25-34', crossedAt })).toMatchObject({ status: 201 });
    expect(await step(`/${crossingId}/health-declaration`, { symptoms: [], countriesVisited: [], contactWithCase: false })).toMatchObject({ status: 200 });
    expect(await step(`/${crossingId}/temperature`, { celsius: 36.6 })).toMatchObject({ status: 200 });
    const decided = await step(`/${crossingId}/outcome`, {});
    expect(decided).toMatchObject({ status: 200, body: { outcome: { category: 'quarantine', days: 7 } } });
  }

  async function quarantinedTraveller(): Promise<string> {
    const crossedAt = iso(10 * 60_000);
    const crossingId = await recordCrossing(crossedAt);
    await screenToQuarantine(crossingId, crossedAt);
    return crossingId;
  }

  // ---- quarantine ---------------------------------------------------------------------------
  const q = (path: string) => `${svc.quarantine.baseUrl}/quarantine${path}`;
  async function stay(crossingId: string): Promise<StayView | null> {
    const response = await fetch(q(`/stays/${crossingId}`), { headers: h.staff });
    if (response.status === 404) return null;
    if (response.status !== 200) throw new Error(`GET stay ${crossingId}: ${response.status}`);
    return (await response.json()) as StayView;
  }
  async function stayOnceDecided(crossingId: string, what: string): Promise<StayView> {
    let found: StayView | null = null;
    await waitUntil(async () => (found = await stay(crossingId)) !== null, what, 60_000);
    return found!;
  }
  function workState(id: string): string | undefined {
    const rows = tableRows(join(paths().quarantine, 'quarantine-admissions.sqlite'), `SELECT state FROM work_quarantine_admissions WHERE id = '${id}'`) as Array<{ state: string }>;
    return rows[0]?.state;
  }
  const centre = (code: string) => getJson<Centre>(q(`/centres/${code}`), h.admin);
  const alerts = async () => (await getJson<{ items: Array<{ crossingId: string }> }>(q('/alerts'), h.staff)).items.map((a) => a.crossingId);

  /** Events of the stay streams in the quarantine log, by crossing: the ground truth on duplicates. */
  function stayEvents(): Map<string, string[]> {
    const db = openSqlite(paths().quarantineLog, { readonly: true });
    try {
      const rows = db.prepare("SELECT stream_id, type FROM events WHERE stream_id LIKE 'stay-%' ORDER BY position").all() as Array<{ stream_id: string; type: string }>;
      const byCrossing = new Map<string, string[]>();
      for (const row of rows) {
        const id = row.stream_id.slice('stay-'.length);
        byCrossing.set(id, [...(byCrossing.get(id) ?? []), row.type.replace(/^quarantine\.|\.v1$/g, '')]);
      }
      return byCrossing;
    } finally {
      db.close();
    }
  }

  // ---- referrals ----------------------------------------------------------------------------
  const referrals = async (): Promise<Referral[]> =>
    (await getJson<{ items: Referral[] }>(`${svc.referrals.baseUrl}/referrals?limit=500`, h.protection)).items;
  function referralEventCounts(): Map<string, number> {
    const db = openSqlite(paths().referralsLog, { readonly: true });
    try {
      const rows = db.prepare("SELECT type, COUNT(*) AS n FROM events WHERE type LIKE 'referrals.%' GROUP BY type").all() as Array<{ type: string; n: number }>;
      return new Map(rows.map((r) => [r.type, r.n]));
    } finally {
      db.close();
    }
  }

  /** Domain events of a log (the audit of reads, `security.*`, grows with every read and is left out). */
  function logHead(file: string): { count: number; last: number } {
    const db = openSqlite(file, { readonly: true });
    try {
      return db.prepare("SELECT COUNT(*) AS count, COALESCE(MAX(position), 0) AS last FROM events WHERE type NOT LIKE 'security.%'").get() as { count: number; last: number };
    } finally {
      db.close();
    }
  }
  function tableRows(file: string, sql: string): unknown[] {
    const db = openSqlite(file, { readonly: true });
    try {
      return db.prepare(sql).all();
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    [h.officer, h.health, h.admin, h.staff, h.protection] = await Promise.all([
      idp.headers({ sub: 'officer-1', roles: ['border-officer'], pointsOfEntry: [POST] }),
      idp.headers({ sub: 'health-1', roles: ['port-health-officer'], pointsOfEntry: [POST] }),
      idp.headers({ sub: 'admin-1', roles: ['administrator'], pointsOfEntry: [] }),
      idp.headers({ sub: 'staff-1', roles: ['quarantine-staff'], pointsOfEntry: [], centres: [Q1, Q2, CHANTHABURI] }, 'quarantine-care'),
      idp.headers({ sub: 'protection-1', roles: ['protection-officer'], pointsOfEntry: [] }, 'protection'),
    ]);
    dir = mkdtempSync(join(tmpdir(), 'bl-q-and-r-'));
    // The writers first (each creates its log), then the relays that follow those logs.
    [svc.poe, svc.quarantine, svc.referrals] = await startAll([
      startService('points-of-entry', env.poe()),
      startService('quarantine', env.quarantine(groups.quarantine)),
      startService('referrals', env.referrals(groups.referrals)),
    ]);
    [svc.poeRelay, svc.quarantineRelay, svc.referralsRelay] = await startAll([
      startService('relay', env.poeRelay()),
      startService('relay', env.quarantineRelay()),
      startService('relay', env.referralsRelay()),
    ]);
    const policy = await postJson(`${svc.poe.baseUrl}/screening/policies`, { country: 'TH', version: 1, effectiveFrom: '2020-01-01T00:00:00+07:00', rules: POLICY_RULES }, h.health);
    expect(policy).toMatchObject({ status: 201 });
  }, 180_000);

  afterAll(async () => {
    await killAllServices();
    rmSync(dir, { recursive: true, force: true });
  });

  it('admits on a quarantine outcome, sends the next traveller on when a centre is full, alerts when none is free, releases; restarts admit once', async () => {
    const started = Date.now();
    // Two centres of one place in the post's province, one in the next province.
    for (const [code, province] of [[Q1, 'Sa Kaeo'], [Q2, 'Sa Kaeo'], [CHANTHABURI, 'Chanthaburi']] as const) {
      const body = { code, name: `${province} field hospital ${code.slice(-1)}`, country: 'TH', province, capacity: { adults: 1, families: 0, 'isolation-rooms': 0, 'children-with-guardian': 0 } };
      expect(await postJson(q('/centres'), body, h.admin)).toMatchObject({ status: 201 });
    }
    await waitUntil(async () => (await getJson<{ items: Centre[] }>(q('/centres'), h.admin)).items.length === 3, 'the centres read model to list 3 centres');

    // T0 crossed 9 days ago at a post that was offline since: its crossing and screening sync now.
    // The process manager admits it at Q1 now, its 7 days counted from the crossing.
    const t0CrossedAt = iso(9 * DAY_MS);
    const t0 = await recordCrossing(t0CrossedAt);
    await screenToQuarantine(t0, t0CrossedAt);
    expect(await stayOnceDecided(t0, 'T0 to be admitted')).toMatchObject({
      status: 'admitted', centre: Q1, countedFrom: t0CrossedAt, expectedReleaseAt: new Date(Date.parse(t0CrossedAt) + 7 * DAY_MS).toISOString(),
    });

    // T1: Q1 is full → the next centre of the province. T2: the province is full → the next province.
    const t1 = await quarantinedTraveller();
    expect(await stayOnceDecided(t1, 'T1 to be admitted')).toMatchObject({ status: 'admitted', centre: Q2 });
    const t2 = await quarantinedTraveller();
    expect(await stayOnceDecided(t2, 'T2 to be admitted')).toMatchObject({ status: 'admitted', centre: CHANTHABURI });
    expect(workState(`admit:${t0}`)).toBe('done');
    expect(stayEvents().get(t0)).toEqual(['stay-admitted']);

    // T1 crossed minutes ago: it cannot be released before its days are done.
    const early = await postJson(q(`/stays/${t1}/release`), { releasedAt: iso(0) }, h.staff);
    expect(early).toMatchObject({ status: 422, body: { rule: 'stay-days-not-completed' } });

    // Release T0 (days done, negative test): Q1's occupancy drops.
    expect((await centre(Q1)).occupancy.adults).toBe(1);
    expect(await postJson(q(`/stays/${t0}/tests`), { testType: 'pcr', result: 'negative', takenAt: iso(3_600_000) }, h.staff)).toMatchObject({ status: 200 });
    expect(await postJson(q(`/stays/${t0}/release`), { releasedAt: iso(0) }, h.staff)).toMatchObject({ status: 200, body: { status: 'released' } });
    await waitUntil(async () => (await centre(Q1)).occupancy.adults === 0, 'Q1 occupancy to drop after the release');

    // Restarts mid-flow. points-of-entry: SIGTERM and back. Its relay: SIGKILLed as soon as T3's
    // outcome is stored, and back. T3 gets the place T0 freed.
    expect(await svc.poe.stop()).toEqual({ code: 0, signal: null });
    svc.poe = await startService('points-of-entry', env.poe());
    const t3 = await quarantinedTraveller();
    await svc.poeRelay.kill();
    svc.poeRelay = await startService('relay', env.poeRelay());
    expect(await stayOnceDecided(t3, 'T3 to be admitted')).toMatchObject({ status: 'admitted', centre: Q1 });
    // The quarantine service: SIGKILLed as soon as two more outcomes are stored, and back.
    const t4 = await quarantinedTraveller();
    const t5 = await quarantinedTraveller();
    await svc.quarantine.kill();
    const decidedBeforeKill = [t4, t5].filter((id) => stayEvents().has(id)).length;
    svc.quarantine = await startService('quarantine', env.quarantine(groups.quarantine));
    // Nothing is free anywhere: both await a place, each raised once.
    await waitUntil(async () => (await alerts()).length === 2, 'capacity alerts for T4 and T5', 60_000);
    expect((await alerts()).sort()).toEqual([t4, t5].sort());
    expect(await stay(t4)).toMatchObject({ status: 'awaiting-place' });
    const [oldest] = await alerts(); // oldest alert first

    // A place added at the next province admits the oldest awaiting traveller, published through a
    // quarantine relay that was stopped (SIGTERM) when the capacity changed and started again.
    expect(await svc.quarantineRelay.stop()).toEqual({ code: 0, signal: null });
    const bigger = { capacity: { adults: 2, families: 0, 'isolation-rooms': 0, 'children-with-guardian': 0 } };
    expect(await postJson(q(`/centres/${CHANTHABURI}/capacity`), bigger, h.admin)).toMatchObject({ status: 200 });
    svc.quarantineRelay = await startService('relay', env.quarantineRelay());
    await waitUntil(async () => (await alerts()).length === 1, 'one awaiting traveller to get the added place', 60_000);
    const [stillAwaiting] = await alerts();
    const placed = stillAwaiting === t4 ? t5 : t4;
    expect(placed).toBe(oldest);
    expect(await stay(placed)).toMatchObject({ status: 'admitted', centre: CHANTHABURI });
    expect(await stay(stillAwaiting)).toMatchObject({ status: 'awaiting-place' });

    // Exactly one admission per outcome, whatever was killed: the stay streams are the ground truth.
    const events = stayEvents();
    expect(Object.fromEntries([t0, t1, t2, t3, t4, t5].map((id) => [id, events.get(id)]))).toEqual({
      [t0]: ['stay-admitted', 'stay-test-recorded', 'stay-released'],
      [t1]: ['stay-admitted'],
      [t2]: ['stay-admitted'],
      [t3]: ['stay-admitted'],
      [placed]: ['capacity-alert-raised', 'stay-admitted'],
      [stillAwaiting]: ['capacity-alert-raised'],
    });
    const all = [...events.values()].flat();
    const admitted = all.filter((t) => t === 'stay-admitted').length;
    const duplicates = [...events.values()].filter((types) => types.filter((t) => t === 'stay-admitted').length > 1 || types.filter((t) => t === 'capacity-alert-raised').length > 1).length;
    expect(duplicates).toBe(0);
    const occupancy = await getJson<{ items: Array<{ centre: string; total: number }> }>(q(`/occupancy?date=${iso(0).slice(0, 10)}`), h.admin);
    expect(Object.fromEntries(occupancy.items.map((i) => [i.centre, i.total]))).toEqual({ [Q1]: 1, [Q2]: 1, [CHANTHABURI]: 2 });
    process.stdout.write(
      `quarantine flow: 6 outcomes, ${admitted} admitted automatically (same province, next centre, next province, freed place, added place), ` +
        `${all.filter((t) => t === 'capacity-alert-raised').length} alerts raised (${(await alerts()).length} open), ` +
        `${all.filter((t) => t === 'stay-released').length} released; restart (poe SIGTERM, poe relay SIGKILL, quarantine SIGKILL with ${decidedBeforeKill}/2 ` +
        `outcomes decided, quarantine relay SIGTERM): ${duplicates} duplicates; ${((Date.now() - started) / 1000).toFixed(1)}s\n`,
    );
  }, 240_000);

  it('refers a child flagged at the border to child protection, urgently, and escalates it unanswered; restarts open and escalate nothing twice', async () => {
    const started = Date.now();
    const raiseFlag = async (crossingId: string, indicators: string[]): Promise<{ flagId: string; severity: string; childProtection: boolean }> => {
      const response = await postJson(`${svc.poe.baseUrl}/flags`, { subject: { kind: 'crossing', id: crossingId }, pointOfEntry: POST, indicators, observedAt: iso(60_000) }, h.officer);
      expect(response).toMatchObject({ status: 201 });
      return response.body as { flagId: string; severity: string; childProtection: boolean };
    };
    const unaccompaniedChild = () => recordCrossing(iso(5 * 60_000), { ageBand: '12-17', unaccompanied: true, channel: 'irregular' });
    const flagIds: string[] = [];
    const ours = async () => (await referrals()).filter((r) => flagIds.includes(r.flagId));

    // An unaccompanied child: critical, child protection only, urgent (limit 15 s here). The
    // referrals service is SIGKILLed as soon as the flag is stored, and comes back.
    const first = await raiseFlag(await unaccompaniedChild(), ['child-without-guardian']);
    expect(first).toMatchObject({ severity: 'critical', childProtection: true });
    flagIds.push(first.flagId);
    await svc.referrals.kill();
    svc.referrals = await startService('referrals', env.referrals(groups.referrals));

    // An adult with a high-severity flag: shelter, psychosocial and legal aid, on the standard limit.
    const adult = await raiseFlag(await recordCrossing(iso(5 * 60_000)), ['retention-of-identity-documents', 'deception']);
    expect(adult).toMatchObject({ severity: 'high', childProtection: false });
    flagIds.push(adult.flagId);
    await waitUntil(async () => (await ours()).length === 4, 'the referrals of the first two flags', 90_000);
    const opened = await ours();
    const firstReferral = opened.find((r) => r.flagId === first.flagId)!;
    expect(firstReferral).toMatchObject({ referralId: `${first.flagId}.child-protection`, service: 'child-protection', urgent: true, childProtection: true });
    // The deadline runs from the flag, not from when the (restarted) service got to it.
    expect(Date.parse(firstReferral.acceptanceDeadline) - Date.parse(firstReferral.openedAt)).toBe(15_000);
    expect(opened.filter((r) => r.flagId === adult.flagId).map((r) => r.service).sort()).toEqual(['legal-aid', 'psychosocial', 'shelter']);
    expect(opened.filter((r) => r.flagId === adult.flagId).every((r) => !r.urgent && r.escalatedAt === null)).toBe(true);
    await waitUntil(async () => (await ours()).find((r) => r.flagId === first.flagId)?.escalatedAt != null, 'the first child referral to escalate', 60_000);

    // A second child, its referral opened with the timer armed; the service restarts (SIGTERM)
    // before the deadline: the durable timer escalates it once, at or after the deadline.
    const second = await raiseFlag(await unaccompaniedChild(), ['child-without-guardian']);
    flagIds.push(second.flagId);
    let secondReferral: Referral | undefined;
    await waitUntil(async () => (secondReferral = (await ours()).find((r) => r.flagId === second.flagId)) !== undefined, 'the second child referral', 30_000);
    expect(secondReferral).toMatchObject({ urgent: true, escalatedAt: null });
    const armedAtStop = Date.now() < Date.parse(secondReferral!.acceptanceDeadline);
    expect(await svc.referrals.stop()).toEqual({ code: 0, signal: null });
    svc.referrals = await startService('referrals', env.referrals(groups.referrals));
    await waitUntil(async () => (await ours()).find((r) => r.flagId === second.flagId)?.escalatedAt != null, 'the second child referral to escalate', 60_000);

    const final = await ours();
    const escalated = final.filter((r) => r.escalatedAt !== null);
    expect(escalated.map((r) => r.referralId).sort()).toEqual([`${first.flagId}.child-protection`, `${second.flagId}.child-protection`].sort());
    for (const r of escalated) expect(Date.parse(r.escalatedAt!)).toBeGreaterThanOrEqual(Date.parse(r.acceptanceDeadline));
    const secondLate = (Date.parse(final.find((r) => r.flagId === second.flagId)!.escalatedAt!) - Date.parse(secondReferral!.acceptanceDeadline)) / 1000;

    // One referral per flag and service, one escalation each, in the log; and the relay published them.
    const counts = referralEventCounts();
    expect(counts.get('referrals.referral-opened.v1')).toBe(5);
    expect(counts.get('referrals.referral-escalated.v1')).toBe(2);
    const streams = new Set(final.map((r) => `referral-${r.referralId}`));
    const escalations = (records: Array<{ key: string; headers: Record<string, string> }>) =>
      new Set(records.filter((r) => streams.has(r.key) && r.headers['event-type'] === 'referrals.referral-escalated.v1').map((r) => r.key));
    const wire = await readTopic(brokers, REFERRALS_TOPIC, (records) => new Set(records.map((r) => r.key).filter((k) => streams.has(k))).size === 5 && escalations(records).size === 2);
    expect(new Set(wire.map((r) => r.key).filter((k) => streams.has(k))).size).toBe(5);
    expect(escalations(wire).size).toBe(2);
    process.stdout.write(
      `referrals flow: 3 flags (2 unaccompanied children, 1 adult), ${counts.get('referrals.referral-opened.v1')} referrals opened ` +
        `(2 urgent child-protection), ${counts.get('referrals.referral-escalated.v1')} escalated past the 15s limit (the second ${secondLate.toFixed(1)}s after it, ` +
        `its timer ${armedAtStop ? 'armed across a SIGTERM restart' : 'already due at the restart'}); restart (referrals SIGKILL right after a flag, SIGTERM with a timer armed): ` +
        `0 duplicates; all on ${REFERRALS_TOPIC}; ${((Date.now() - started) / 1000).toFixed(1)}s\n`,
    );
  }, 180_000);

  it('replays every topic from offset zero into fresh consumer groups on the same data without changing a projection or appending an event', async () => {
    const started = Date.now();
    const today = iso(0).slice(0, 10);
    const quarantineView = async () => ({
      centres: await getJson(q('/centres'), h.admin),
      occupancy: await getJson(q(`/occupancy?date=${today}`), h.admin),
      bedDays: await getJson(q(`/bed-days?from=${iso(30 * DAY_MS).slice(0, 10)}&to=${today}`), h.admin),
      expected: await getJson(q('/expected-releases?days=14'), h.admin),
      alerts: await getJson(q('/alerts'), h.staff),
      stays: await Promise.all([...stayEvents().keys()].sort().map((id) => stay(id))),
    });
    const referralsView = async () => ({ list: await referrals(), counts: await getJson(`${svc.referrals.baseUrl}/referrals/counts`, h.protection) });
    const files = {
      quarantineWork: join(paths().quarantine, 'quarantine-admissions.sqlite'),
      referralsWork: join(paths().referrals, 'referrals-process.sqlite'),
    };
    const work = () => ({
      quarantine: tableRows(files.quarantineWork, 'SELECT id, state FROM work_quarantine_admissions ORDER BY id'),
      referrals: tableRows(files.referralsWork, 'SELECT id, state FROM work_referrals ORDER BY id'),
    });
    const before = { quarantine: await quarantineView(), referrals: await referralsView() };
    expect((before.quarantine.stays as StayView[]).length).toBe(6);

    // The old instances stop (one writer per log); fresh ones start on the same files, in new groups.
    await Promise.all([svc.quarantine.stop(), svc.referrals.stop()]);
    const heads = { quarantine: logHead(paths().quarantineLog), referrals: logHead(paths().referralsLog), poe: logHead(join(paths().poe, 'events.sqlite')) };
    const workBefore = work();
    const replay = { quarantine: `th-quarantine-replay-${run}`, referrals: `th-referrals-replay-${run}` };
    [svc.quarantine, svc.referrals] = await startAll([
      startService('quarantine', env.quarantine(replay.quarantine)),
      startService('referrals', env.referrals(replay.referrals)),
    ]);

    // Caught up: each new group has processed every record on its topics (the whole topics: the
    // broker is shared, so they may hold other suites' records too).
    const records = await topicRecordCounts(brokers, [POE_TOPIC, QUARANTINE_TOPIC]);
    const processed = async (service: ServiceProcess, group: string) =>
      (await metricValue(service.baseUrl, 'border_ledger_consumer_processed_total', `group="${group}"`));
    await waitUntil(async () => (await processed(svc.quarantine, replay.quarantine)) >= records[POE_TOPIC] + records[QUARANTINE_TOPIC], 'the replayed quarantine group to reach the end of both topics', 60_000);
    await waitUntil(async () => (await processed(svc.referrals, replay.referrals)) >= records[POE_TOPIC], 'the replayed referrals group to reach the end of the topic', 60_000);
    const applied = {
      quarantine: await metricValue(svc.quarantine.baseUrl, 'border_ledger_consumer_processed_total', `group="${replay.quarantine}",outcome="applied"`),
      referrals: await metricValue(svc.referrals.baseUrl, 'border_ledger_consumer_processed_total', `group="${replay.referrals}",outcome="applied"`),
    };

    const after = { quarantine: await quarantineView(), referrals: await referralsView() };
    expect(after).toEqual(before);
    expect(work()).toEqual(workBefore);
    const headsAfter = { quarantine: logHead(paths().quarantineLog), referrals: logHead(paths().referralsLog), poe: logHead(join(paths().poe, 'events.sqlite')) };
    expect(headsAfter).toEqual(heads);
    process.stdout.write(
      `replay from offset zero: ${records[POE_TOPIC]} records on ${POE_TOPIC} and ${records[QUARANTINE_TOPIC]} on ${QUARANTINE_TOPIC} replayed into new groups; ` +
        `applied as new: ${applied.quarantine} (quarantine), ${applied.referrals} (referrals); ` +
        `0 new events (quarantine log ${heads.quarantine.count}, referrals log ${heads.referrals.count}), projections and work queues unchanged; ` +
        `${((Date.now() - started) / 1000).toFixed(1)}s\n`,
    );
  }, 120_000);

  it('shuts every service down gracefully on SIGTERM', async () => {
    const results = await Promise.all(Object.values(svc).map((s) => s.stop()));
    expect(results).toEqual(results.map(() => ({ code: 0, signal: null })));
  });
});

/**
 * Starts services in parallel; when one fails, kills those that started (a process still starting
 * when the suite gives up would be left running, holding Jest open).
 */
async function startAll(starts: Array<Promise<ServiceProcess>>): Promise<ServiceProcess[]> {
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await Promise.all(settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value.kill()] : [])));
    throw failed.reason;
  }
  return settled.map((result) => (result as PromiseFulfilledResult<ServiceProcess>).value);
}

/** Records on each topic now (high watermark minus low, summed over partitions). */
async function topicRecordCounts(brokers: string[], topics: string[]): Promise<Record<string, number>> {
  const admin = new Kafka({ brokers, clientId: 'system-test-admin', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const counts: Record<string, number> = {};
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      counts[topic] = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    }
    return counts;
  } finally {
    await admin.disconnect();
  }
}
