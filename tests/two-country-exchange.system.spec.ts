import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, createPublicKey, randomBytes, randomUUID, sign } from 'node:crypto';
import { decodeFeedMessage, decodeFeedRecord, encodeFeedMessage, encodeFeedRecord, timestampFromIso } from '@border-ledger/contracts';
import { killAllServices, waitUntil, type ServiceProcess } from '@border-ledger/testing';
import { getJson, postJson } from './support/crossings';
import { agency, people, publishWire, readWire, startExchangeNode, type Agency } from './support/exchange-nodes';

const BROKERS = process.env['KAFKA_BROKERS'] ?? '';
const run = randomUUID().slice(0, 6);
const BORDER = `th-kh-border-${run}`;
const PROTECTION = `th-kh-protection-${run}`;
const TOPIC_TH_TO_KH = `th.xb-${BORDER}.events.v1`;
const CANARY = { document: `PX${run.toUpperCase()}9`, name: `Canary Person ${run}`, note: `canary note ${run}` };
const WAIT_MINUTES = 0.4;

const agreement = (id: string, purpose: string, records: Record<string, { fields: string[] }>) => ({
  agreementId: id,
  parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'KH-GDI', country: 'KH' }],
  purpose,
  records,
  pointsOfEntry: ['TH-ARANYAPRATHET', 'KH-POIPET'],
  retentionDays: 90,
  effectiveFrom: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
});

interface RecordsReply { items: { side: string; record: { agreementId: string; recordType: string; payload: Record<string, unknown>; leafIndex: number } }[] }

/**
 * Two countries on the real broker: a Thai edge node and a Cambodian one, each with its own
 * store, keys and trust list, sharing under two agreements. What crosses is minimised (checked
 * on the raw Kafka records), a flagged child who left Thailand and never reached Poipet raises
 * the alert on both sides, a cross-border referral goes both ways, and bad messages are
 * dead-lettered with their reasons.
 */
describe('two countries exchanging minimised, verifiable feeds', () => {
  let root: string;
  let th: Agency;
  let kh: Agency;
  let thNode: ServiceProcess;
  let khNode: ServiceProcess;
  let secrets: Record<string, string>;
  const extra = { EXCHANGE_MATCH_WAIT_MINUTES: String(WAIT_MINUTES) };
  const TH = () => people(th, ['TH-ARANYAPRATHET']);
  const KH = () => people(kh, ['KH-POIPET']);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bl-two-countries-'));
    th = agency(root, 'TH', 'TH-IMM');
    kh = agency(root, 'KH', 'KH-GDI');
    secrets = { [BORDER]: randomBytes(32).toString('base64'), [PROTECTION]: randomBytes(32).toString('base64') };
    [thNode, khNode] = await Promise.all([startExchangeNode(th, [kh], secrets, BROKERS, extra), startExchangeNode(kh, [th], secrets, BROKERS, extra)]);
    const border = agreement(BORDER, 'border-management', {
      'exchange.crossing.v1': { fields: ['ageBand', 'sex', 'nationality', 'travelGroup'] },
      'exchange.screening-outcome.v1': { fields: [] },
      'exchange.trafficking-flag.v1': { fields: ['crossingRef', 'travellerRef', 'severity'] },
    });
    const protection = agreement(PROTECTION, 'case-referral', {
      'exchange.crossing.v1': { fields: [] },
      'exchange.referral.v1': { fields: ['flagRef', 'ageBand', 'nationality'] },
    });
    for (const [node, admin] of [[thNode, await TH().admin()], [khNode, await KH().admin()]] as const) {
      for (const body of [border, protection]) expect((await postJson(`${node.baseUrl}/exchange/agreements`, body, admin)).status).toBe(201);
    }
  }, 180_000);

  afterAll(async () => {
    if (process.env['EXCHANGE_TEST_DEBUG']) for (const node of [thNode, khNode]) process.stdout.write(`--- ${node.name} ---\n${node.output.join('').slice(-6000)}\n`);
    await killAllServices();
    rmSync(root, { recursive: true, force: true });
  });

  const crossing = async (node: ServiceProcess, headers: Record<string, string>, body: Record<string, unknown>): Promise<{ crossingId: string; travellerRef: string }> => {
    const reply = await postJson(`${node.baseUrl}/crossings`, body, headers);
    expect(reply.status).toBe(201);
    return reply.body as { crossingId: string; travellerRef: string };
  };
  const person = (direction: 'entry' | 'exit', pointOfEntry: string, document: string, extra: Record<string, unknown> = {}) => ({
    pointOfEntry, direction, channel: 'passport-visa', visaType: 'family', purpose: 'family', nationality: 'KH', sex: 'female', ageBand: '25-34',
    occurredAt: new Date(Date.now() - 2_000).toISOString(), traveller: { documentType: 'passport', documentNumber: document, name: CANARY.name }, ...extra,
  });

  it('shares only what the agreements cover, matches exits to entries, refers a child across the border and refuses bad messages', async () => {
    const thOfficer = await TH().officer();
    const adult = await crossing(thNode, thOfficer, person('exit', 'TH-ARANYAPRATHET', CANARY.document));
    const child = { ageBand: '12-17', unaccompanied: true };
    await crossing(thNode, thOfficer, person('exit', 'TH-ARANYAPRATHET', `CM${run}`, child));
    const lost = await crossing(thNode, thOfficer, person('exit', 'TH-ARANYAPRATHET', `CL${run}`, child));
    await crossing(khNode, await KH().officer(), person('entry', 'KH-POIPET', `CM${run}`, child));
    const flag = await postJson(`${thNode.baseUrl}/flags`, {
      subject: { kind: 'crossing', id: lost.crossingId }, pointOfEntry: 'TH-ARANYAPRATHET', indicators: ['child-without-guardian', 'deception'],
      observedAt: new Date(Date.now() - 20_000).toISOString(), note: CANARY.note,
    }, thOfficer);
    expect(flag.status).toBe(201);

    // 1. Cambodia receives the Thai crossings and flag, minimised.
    const coordinatorKh = await KH().coordinator();
    const incoming = async () => (await getJson<RecordsReply>(`${khNode.baseUrl}/exchange/records?side=incoming&corridor=TH-KH`, coordinatorKh)).items;
    await waitUntil(async () => (await incoming()).filter((i) => i.record.recordType === 'exchange.crossing.v1').length >= 6, 'Thai crossings to reach Cambodia under both agreements', 60_000);
    const crossingRecords = (await incoming()).filter((i) => i.record.recordType === 'exchange.crossing.v1').map((i) => i.record);
    const crossings = crossingRecords.map((r) => r.payload);
    for (const payload of crossings) {
      expect(payload).not.toHaveProperty('channel');
      expect(payload).not.toHaveProperty('purpose');
    }
    const under = (id: string) => crossingRecords.filter((r) => r.agreementId === id).map((r) => r.payload);
    expect(under(BORDER).map((p) => Object.keys(p).sort())).toEqual(under(BORDER).map(() => expect.arrayContaining(['ageBand', 'sex', 'nationality', 'travelGroup'])));
    expect(under(PROTECTION).every((p) => !('ageBand' in p) && !('sex' in p))).toBe(true);
    // Re-keyed per agreement: partners link crossings within an agreement, never across agreements.
    const refs = (id: string) => new Set(under(id).map((p) => p['travellerRef']));
    expect(refs(BORDER).size).toBe(3);
    expect([...refs(BORDER)].filter((ref) => refs(PROTECTION).has(ref))).toEqual([]);
    expect(JSON.stringify(crossings)).not.toContain(adult.travellerRef);

    // 2. The raw Kafka records carry no excluded field and no canary.
    const wire = await readWire(BROKERS, TOPIC_TH_TO_KH, (records) => records.length >= 5);
    const everything = Buffer.concat(wire.map((r) => r.value)).toString('latin1');
    for (const canary of [CANARY.document, CANARY.name, CANARY.note, adult.travellerRef, adult.crossingId, lost.crossingId]) expect(everything).not.toContain(canary);
    const decoded = wire.map((r) => decodeFeedMessage(r.value)).filter((m) => m.ok && m.message.kind.case === 'record');
    expect(decoded.length).toBeGreaterThanOrEqual(4);
    for (const m of decoded) {
      if (!m.ok || m.message.kind.case !== 'record') continue;
      const record = decodeFeedRecord(m.message.kind.value.record);
      if (!record.ok) throw new Error(record.reason);
      if (record.message.payload.case === 'crossing') {
        expect(record.message.payload.value.channel).toBeUndefined();
        expect(record.message.payload.value.purpose).toBeUndefined();
      }
      if (record.message.payload.case === 'traffickingFlag') expect(record.message.payload.value.indicators).toEqual([]);
    }

    // 3. Cross-border referral, both ways: Thailand asks, Cambodia acknowledges and accepts.
    const thProtection = await TH().protection();
    const referralId = `${(flag.body as { flagId: string }).flagId}.child-protection`;
    await waitUntil(async () => (await fetch(`${thNode.baseUrl}/referrals/${referralId}`, { headers: thProtection })).status === 200, 'the child-protection referral to open').catch(async (error) => {
      const reply = await fetch(`${thNode.baseUrl}/referrals/${referralId}`, { headers: thProtection });
      const list = await fetch(`${thNode.baseUrl}/referrals`, { headers: thProtection });
      throw new Error(`${(error as Error).message}: ${reply.status} ${await reply.text()} / list ${list.status} ${await list.text()}`);
    });
    expect((await postJson(`${thNode.baseUrl}/referrals/${referralId}/share`, { toCountry: 'KH' }, thProtection)).status).toBe(200);
    const khProtection = await KH().protection();
    type Referrals = { items: { agreementId: string; referralRef: string; direction: string; stage: string }[] };
    let request: Referrals['items'][number] | undefined;
    await waitUntil(async () => {
      request = (await getJson<Referrals>(`${khNode.baseUrl}/exchange/referrals`, khProtection)).items.find((r) => r.direction === 'incoming');
      return request?.stage === 'requested';
    }, 'the referral request to reach Cambodia', 60_000);
    for (const stage of ['acknowledged', 'accepted']) {
      const answer = await postJson(`${khNode.baseUrl}/exchange/referrals/${request!.agreementId}/${request!.referralRef}/responses`, { stage }, khProtection);
      expect(answer.status).toBe(201);
    }
    type Stages = { items: { stages: { stage: string }[] }[] };
    const thStages = async () => (await getJson<Stages>(`${thNode.baseUrl}/exchange/referrals`, thProtection)).items[0]?.stages.map((s) => s.stage) ?? [];
    await waitUntil(async () => (await thStages()).length === 3, 'Cambodia’s answers to reach Thailand', 60_000).catch(async (error) => {
      const th = await getJson<unknown>(`${thNode.baseUrl}/exchange/referrals`, thProtection);
      const kh = await getJson<unknown>(`${khNode.baseUrl}/exchange/referrals`, khProtection);
      throw new Error(`${(error as Error).message}\nTH ${JSON.stringify(th)}\nKH ${JSON.stringify(kh)}`);
    });
    expect(await thStages()).toEqual(['requested', 'acknowledged', 'accepted']);
    await waitUntil(async () => {
      const referral = await getJson<{ share?: { status: string } }>(`${thNode.baseUrl}/referrals/${referralId}`, thProtection);
      return referral.share?.status === 'accepted';
    }, 'Cambodia’s acceptance to reach the Thai referral', 60_000);
    const thSide = (await getJson<Stages>(`${thNode.baseUrl}/exchange/referrals`, thProtection)).items;

    // 4. Exit-to-entry matching: the lost child raises the alert on both sides, the matched one does not.
    for (const [node, headers] of [[thNode, await TH().coordinator()], [khNode, coordinatorKh]] as const) {
      type Alerts = { items: { agreementId: string; reasons: string[]; exitPoint: string; expectedPoint: string }[] };
      await waitUntil(async () => (await getJson<Alerts>(`${node.baseUrl}/exchange/match-alerts`, headers)).items.length > 0, 'the unmatched exit alert', 90_000);
      const alerts = (await getJson<Alerts>(`${node.baseUrl}/exchange/match-alerts`, headers)).items;
      // Only under the agreement that shares age bands and flags can an exit be known as flagged;
      // the matched child raises nothing, the lost one exactly once.
      expect(alerts).toEqual([expect.objectContaining({ agreementId: BORDER, exitPoint: 'TH-ARANYAPRATHET', expectedPoint: 'KH-POIPET' })]);
      expect(alerts[0].reasons).toEqual(expect.arrayContaining(['child', 'trafficking-flag']));
    }

    // 5. Bad messages on the Thai feed are dead-lettered with reasons and never reach Cambodia's read model.
    const before = (await incoming()).length;
    const forged = forgedRecord(th, BORDER);
    const rogue = agency(root, 'TH', 'TH-ROGUE');
    await publishWire(BROKERS, TOPIC_TH_TO_KH, [
      { key: 'x', value: Buffer.from('not a protobuf message at all \u0000\u00ff') },
      { key: 'x', value: Buffer.from(encodeFeedMessage({ kind: { case: 'record', value: { record: forged.bytes, signature: new Uint8Array(), keyId: '' } } })) },
      { key: 'x', value: Buffer.from(encodeFeedMessage({ kind: { case: 'record', value: { record: forged.bytes, signature: sign(null, forged.bytes, rogue.privateKey), keyId: forged.keyId } } })) },
      { key: 'x', value: Buffer.from(encodeFeedMessage({ kind: { case: 'record', value: { record: forged.outOfAgreement, signature: sign(null, forged.outOfAgreement, th.privateKey), keyId: forged.keyId } } })) },
    ]);
    const letters = await readWire(BROKERS, `${TOPIC_TH_TO_KH}.dlq`, (records) => records.length >= 4, 60_000);
    const reasons = letters.map((l) => l.headers['dead-letter-reason']);
    expect(reasons).toEqual([
      expect.stringMatching(/^malformed/),
      expect.stringMatching(/^unsigned/),
      expect.stringMatching(/^bad-signature/),
      expect.stringMatching(/^field-out-of-agreement/),
    ]);
    expect((await incoming()).length).toBe(before);

    // 6. The Thai feed verifies in Cambodia: signed checkpoints consistent, every leaf included.
    type Integrity = { feeds: { logId: string; status: string; trustedTreeSize: number }[] };
    await waitUntil(async () => (await getJson<Integrity>(`${khNode.baseUrl}/exchange/integrity`, coordinatorKh)).feeds.some((f) => f.trustedTreeSize > 0), 'a trusted checkpoint');
    const feeds = (await getJson<Integrity>(`${khNode.baseUrl}/exchange/integrity`, coordinatorKh)).feeds;
    expect(feeds.map((f) => f.status)).toEqual(feeds.map(() => 'ok'));
    // 7. An offline partner: Cambodia's node is killed, Thailand keeps recording, Cambodia comes back
    //    on the same files and receives everything once, still verified.
    await khNode.kill();
    const later = await Promise.all([1, 2, 3].map((i) => crossing(thNode, thOfficer, person('entry', 'TH-ARANYAPRATHET', `AF${run}${i}`))));
    khNode = await startExchangeNode(kh, [th], secrets, BROKERS, extra);
    const borderCrossings = async () => (await incoming()).filter((i) => i.record.recordType === 'exchange.crossing.v1' && i.record.agreementId === BORDER);
    await waitUntil(async () => (await borderCrossings()).length === 3 + later.length, 'the crossings recorded while Cambodia was down', 60_000);
    await waitUntil(async () => (await getJson<Integrity>(`${khNode.baseUrl}/exchange/integrity`, coordinatorKh)).feeds.every((f) => f.status === 'ok' && f.trustedTreeSize >= 5), 'the feeds to verify after the restart', 60_000);
    expect((await borderCrossings()).length).toBe(6);
    process.stdout.write(`two countries: ${crossings.length} crossing records minimised, ${wire.length} wire records without canaries, referral stages ${thSide[0].stages.length}, dead letters ${letters.length}, feeds ok ${feeds.length}; after Cambodia's restart ${(await borderCrossings()).length} border crossings, each once\n`);
  }, 300_000);
});

/** A record signed with the Thai key id: well-formed, and one carrying a field the agreement excludes. */
function forgedRecord(th: Agency, agreementId: string): { bytes: Uint8Array; outOfAgreement: Uint8Array; keyId: string } {
  const keyId = createHash('sha256').update(createPublicKey(th.privateKey).export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
  const at = timestampFromIso(new Date().toISOString());
  const base = {
    recordId: randomUUID(), agreementId, agreementVersion: 1, senderAgency: 'TH-IMM', senderCountry: 'TH', recordType: 'exchange.crossing.v1', schemaVersion: 1,
    correlationId: 'c', causationId: 'e', occurredAt: at, recordedAt: at, leafIndex: 1_000_000n,
  };
  const crossing = { crossingRef: 'AAAAAAAAAAAAAAAAAAAAAA', travellerRef: 'BBBBBBBBBBBBBBBBBBBBBB', direction: 'exit', pointOfEntry: 'TH-ARANYAPRATHET', pairedPointOfEntry: 'KH-POIPET', crossedAt: at, voided: false };
  return {
    keyId,
    bytes: encodeFeedRecord({ ...base, payload: { case: 'crossing', value: crossing } }),
    outOfAgreement: encodeFeedRecord({ ...base, payload: { case: 'crossing', value: { ...crossing, channel: 'passport-visa' } } }),
  };
}
