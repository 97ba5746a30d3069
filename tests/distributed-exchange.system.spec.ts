import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { killAllServices, startService, waitUntil, type ServiceProcess } from '@border-ledger/testing';
import { getJson, postJson } from './support/crossings';
import { agency, exchangeFiles, people, startExchangeNode, type Agency } from './support/exchange-nodes';

const BROKERS = process.env['KAFKA_BROKERS'] ?? '';
const RUN = randomUUID().slice(0, 6).toUpperCase();
const AGREEMENT = `la-th-border-${RUN.toLowerCase()}`;
const WAIT_MINUTES = 0.4;

interface RecordsReply { items: { side: string; record: { agreementId: string; recordType: string; payload: Record<string, unknown> } }[] }
interface AlertsReply { items: { agreementId: string; reasons: string[]; exitPoint: string; expectedPoint: string }[] }
interface IntegrityReply { feeds: { logId: string; status: string; trustedTreeSize: number }[] }

/**
 * The two compositions talking across a border on the real broker: Lao PDR runs the distributed
 * one (points-of-entry, exchange and a relay for each log, all separate processes), Thailand an
 * edge node. Their agencies carry this run's suffix, so their topics and consumer groups are
 * their own. Crossings and a flag at Vientiane reach Nong Khai minimised and verified, Thai
 * entries reach Vientiane, an unmatched flagged child raises the alert on both sides, and the Lao
 * exchange killed mid-way shares nothing twice.
 */
describe('distributed exchange (Lao PDR) with an edge node (Thailand)', () => {
  let root: string;
  let la: Agency;
  let th: Agency;
  const svc: Record<'poe' | 'poeRelay' | 'exchange' | 'exchangeRelay' | 'thNode', ServiceProcess> = {} as never;
  let exchangeEnv: () => Record<string, string>;
  const LA = () => people(la, ['LA-VIENTIANE']);
  const TH = () => people(th, ['TH-NONGKHAI']);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bl-distributed-exchange-'));
    la = agency(root, 'LA', `LA-IMM-${RUN}`);
    th = agency(root, 'TH', `TH-IMM-${RUN}`);
    const secrets = { [AGREEMENT]: randomBytes(32).toString('base64') };
    const node = { NODE_COUNTRY: 'LA', NODE_AGENCY: la.agency, KAFKA_BROKERS: BROKERS, IDENTITY_HASH_KEY: la.hashKey, IDENTITY_VAULT_PATH: join(la.dir, 'vault.sqlite') };
    const poe = { ...node, DATA_DIR: join(la.dir, 'poe') };
    const files = exchangeFiles(la, [th], secrets);
    exchangeEnv = () => ({ ...node, ...files, DATA_DIR: join(la.dir, 'exchange'), EXCHANGE_MATCH_WAIT_MINUTES: String(WAIT_MINUTES) });
    [svc.poe, svc.exchange, svc.thNode] = await Promise.all([
      startService('points-of-entry', poe),
      startService('exchange', exchangeEnv()),
      startExchangeNode(th, [la], secrets, BROKERS, { EXCHANGE_MATCH_WAIT_MINUTES: String(WAIT_MINUTES) }),
    ]);
    [svc.poeRelay, svc.exchangeRelay] = await Promise.all([
      startService('relay', { ...poe, RELAY_NAME: `la-poe-${RUN}` }),
      startService('relay', { ...exchangeEnv(), EVENT_STORE_PATH: join(la.dir, 'exchange', 'exchange-events.sqlite'), RELAY_NAME: `la-exchange-${RUN}`, RELAY_CHECKPOINT_PATH: join(la.dir, 'exchange', 'relay.sqlite') }),
    ]);
    const body = {
      agreementId: AGREEMENT,
      parties: [{ agency: la.agency, country: 'LA' }, { agency: th.agency, country: 'TH' }],
      purpose: 'border-management',
      records: { 'exchange.crossing.v1': { fields: ['ageBand', 'sex', 'nationality'] }, 'exchange.trafficking-flag.v1': { fields: ['crossingRef', 'travellerRef', 'severity'] } },
      pointsOfEntry: ['LA-VIENTIANE', 'TH-NONGKHAI'],
      retentionDays: 90,
      effectiveFrom: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    };
    for (const [base, admin] of [[svc.exchange.baseUrl, await LA().admin()], [svc.thNode.baseUrl, await TH().admin()]] as const) {
      expect((await postJson(`${base}/exchange/agreements`, body, admin)).status).toBe(201);
    }
    // The Lao exchange follows its own log directly: the agreement is in force as soon as it is
    // recorded, with no round trip through its relay and Kafka.
    const laAdmin = await LA().admin();
    const agreements = async () => (await getJson<{ items: { agreementId: string }[] }>(`${svc.exchange.baseUrl}/exchange/agreements`, laAdmin)).items;
    await waitUntil(async () => (await agreements()).length > 0, 'the Lao exchange to apply its own agreement (its store feed wakes on append)', 5_000);
    expect((await agreements()).map((a) => a.agreementId)).toEqual([AGREEMENT]);
  }, 180_000);

  afterAll(async () => {
    await killAllServices();
    rmSync(root, { recursive: true, force: true });
  });

  const crossing = async (base: string, headers: Record<string, string>, body: Record<string, unknown>): Promise<string> => {
    const reply = await postJson(`${base}/crossings`, body, headers);
    expect(reply.status).toBe(201);
    return (reply.body as { crossingId: string }).crossingId;
  };
  const person = (direction: 'entry' | 'exit', pointOfEntry: string, document: string, extra: Record<string, unknown> = {}) => ({
    pointOfEntry, direction, channel: 'passport-visa', visaType: 'family', purpose: 'family', nationality: 'LA', sex: 'male', ageBand: '35-49',
    occurredAt: new Date(Date.now() - 2_000).toISOString(), traveller: { documentType: 'passport', documentNumber: document, name: `Traveller ${document}` }, ...extra,
  });

  it('shares both ways between the compositions, verified, matches exits to entries on both sides, and survives a killed exchange without duplicates', async () => {
    const laOfficer = await LA().officer();
    const child = { ageBand: '12-17', unaccompanied: true };
    await crossing(svc.poe.baseUrl, laOfficer, person('exit', 'LA-VIENTIANE', `AD${RUN}`));
    await crossing(svc.poe.baseUrl, laOfficer, person('exit', 'LA-VIENTIANE', `CM${RUN}`, child));
    const lost = await crossing(svc.poe.baseUrl, laOfficer, person('exit', 'LA-VIENTIANE', `CL${RUN}`, child));
    const flag = await postJson(`${svc.poe.baseUrl}/flags`, {
      subject: { kind: 'crossing', id: lost }, pointOfEntry: 'LA-VIENTIANE', indicators: ['child-without-guardian'], observedAt: new Date(Date.now() - 10_000).toISOString(),
    }, laOfficer);
    expect(flag.status).toBe(201);
    await crossing(svc.thNode.baseUrl, await TH().officer(), person('entry', 'TH-NONGKHAI', `CM${RUN}`, child));

    // Lao records reach the Thai edge node, minimised; the Thai entry reaches the Lao exchange.
    const thCoordinator = await TH().coordinator();
    const laCoordinator = await LA().coordinator();
    const records = async (base: string, headers: Record<string, string>, type: string) =>
      (await getJson<RecordsReply>(`${base}/exchange/records?side=incoming&corridor=LA-TH`, headers)).items.filter((i) => i.record.recordType === type);
    await waitUntil(async () => (await records(svc.thNode.baseUrl, thCoordinator, 'exchange.crossing.v1')).length === 3, 'the Lao crossings to reach Thailand', 90_000);
    await waitUntil(async () => (await records(svc.thNode.baseUrl, thCoordinator, 'exchange.trafficking-flag.v1')).length === 1, 'the Lao flag to reach Thailand', 60_000);
    for (const { record } of await records(svc.thNode.baseUrl, thCoordinator, 'exchange.crossing.v1')) {
      expect(record.agreementId).toBe(AGREEMENT);
      expect(record.payload).not.toHaveProperty('channel');
      expect(record.payload).not.toHaveProperty('purpose');
      expect(record.payload).toMatchObject({ direction: 'exit', pointOfEntry: 'LA-VIENTIANE', nationality: 'LA' });
    }
    await waitUntil(async () => (await records(svc.exchange.baseUrl, laCoordinator, 'exchange.crossing.v1')).length === 1, 'the Thai entry to reach Lao PDR', 60_000);

    // The lost child raises the alert on both sides; the child who arrived does not.
    for (const [base, headers] of [[svc.thNode.baseUrl, thCoordinator], [svc.exchange.baseUrl, laCoordinator]] as const) {
      await waitUntil(async () => (await getJson<AlertsReply>(`${base}/exchange/match-alerts`, headers)).items.length > 0, `the unmatched exit alert at ${base}`, 90_000);
      const alerts = (await getJson<AlertsReply>(`${base}/exchange/match-alerts`, headers)).items;
      expect(alerts).toEqual([expect.objectContaining({ agreementId: AGREEMENT, exitPoint: 'LA-VIENTIANE', expectedPoint: 'TH-NONGKHAI' })]);
      expect(alerts[0]!.reasons).toEqual(expect.arrayContaining(['child', 'trafficking-flag']));
    }

    // The Lao exchange is SIGKILLed; crossings go on at the post, and it comes back on its files.
    await svc.exchange.kill();
    for (const n of [1, 2]) await crossing(svc.poe.baseUrl, laOfficer, person('exit', 'LA-VIENTIANE', `AK${RUN}${n}`));
    svc.exchange = await startService('exchange', exchangeEnv());
    await waitUntil(async () => (await records(svc.thNode.baseUrl, thCoordinator, 'exchange.crossing.v1')).length >= 5, 'the crossings recorded while the exchange was down', 90_000);
    await waitUntil(
      async () => (await getJson<IntegrityReply>(`${svc.thNode.baseUrl}/exchange/integrity`, thCoordinator)).feeds.some((f) => f.status === 'ok' && f.trustedTreeSize >= 6),
      'the Lao feed to verify in Thailand after the restart',
      60_000,
    );
    // Settle, then count: each crossing once, and every feed verified on both sides.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const shared = await records(svc.thNode.baseUrl, thCoordinator, 'exchange.crossing.v1');
    expect(shared).toHaveLength(5);
    const integrity = await Promise.all([
      getJson<IntegrityReply>(`${svc.thNode.baseUrl}/exchange/integrity`, thCoordinator),
      getJson<IntegrityReply>(`${svc.exchange.baseUrl}/exchange/integrity`, laCoordinator),
    ]);
    for (const { feeds } of integrity) {
      expect(feeds.length).toBeGreaterThan(0);
      expect(feeds.map((f) => f.status)).toEqual(feeds.map(() => 'ok'));
    }
    process.stdout.write(
      `distributed LA ↔ edge TH: ${shared.length} Lao crossings and 1 flag in Thailand (each once across an exchange SIGKILL), ` +
        `1 Thai entry in Lao PDR, match alerts on both sides, feeds verified: TH ${integrity[0].feeds.map((f) => f.trustedTreeSize).join('/')}, LA ${integrity[1].feeds.map((f) => f.trustedTreeSize).join('/')}\n`,
    );
  }, 360_000);
});
