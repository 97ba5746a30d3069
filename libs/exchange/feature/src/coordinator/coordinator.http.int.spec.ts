import { generateKeyPairSync } from 'node:crypto';
import { MANDATORY_FIELDS } from '@border-ledger/exchange-domain';
import { keyIdOf, signCheckpoint, signedCheckpointToJson } from '@border-ledger/merkle';
import { startExchangeTestNode, type ExchangeTestNode, type Reply } from '../testing/exchange-node.test-app';

const AGREEMENT = 'th-kh-border';
const CANARY = { document: 'PXCANARY917', name: 'Canary Person Sombat', other: 'PXCANARY428' };

interface RecordView {
  readonly side: string;
  readonly logId: string;
  readonly leafIndex: number;
  readonly corridor: string;
  readonly pointOfEntryPair: string | null;
  readonly record: { agreementId: string; recordType: string; occurredAt: string; senderAgency: string; payload: Record<string, unknown> };
}

const fieldsOf = (reply: Reply): string[] => ((reply.body['errors'] as { field: string }[] | undefined) ?? []).map((e) => e.field);
const itemsOf = (reply: Reply): RecordView[] => {
  expect(reply.status).toBe(200);
  return reply.body['items'] as RecordView[];
};

/**
 * The coordinators' views over a Thai node sharing crossings and flags with Cambodia: what went
 * out, filtered by corridor, point-of-entry pair, type and time; flags alone; the integrity of
 * partner feeds (none here) and witnessed checkpoints.
 */
describe('GET /exchange/records, /flags, /integrity; POST /exchange/integrity/witness', () => {
  let node: ExchangeTestNode;
  let early: { crossingId: string; travellerRef: string | null };
  let canary: { crossingId: string; travellerRef: string | null };
  let maeSot: { crossingId: string; travellerRef: string | null };
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();

  beforeAll(async () => {
    node = await startExchangeTestNode({ agreementIds: [AGREEMENT] });
    const agreement = {
      agreementId: AGREEMENT,
      parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'KH-GDI', country: 'KH' }],
      purpose: 'counter-trafficking',
      records: { 'exchange.crossing.v1': { fields: ['ageBand', 'nationality'] }, 'exchange.trafficking-flag.v1': { fields: ['severity', 'crossingRef'] } },
      retentionDays: 90,
      effectiveFrom: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    };
    expect((await node.send('POST', '/exchange/agreements', { as: 'administrator', body: agreement })).status).toBe(201);
    await node.settle();
    early = await node.recordCrossing({ occurredAt: new Date(Date.now() - 2 * 3_600_000).toISOString(), traveller: { documentType: 'passport', documentNumber: CANARY.other } });
    canary = await node.recordCrossing({ traveller: { documentType: 'passport', documentNumber: CANARY.document, name: CANARY.name } });
    maeSot = await node.recordCrossing({ pointOfEntry: 'TH-MAESOT' });
    await node.raiseFlag(canary.crossingId);
    await node.settle();
  });
  afterAll(() => node.close());

  const coordinator = (path: string) => node.send('GET', path, { as: 'cross-border-coordinator' });

  it('lists what went out, each record outgoing on the TH-KH corridor', async () => {
    const items = itemsOf(await coordinator('/exchange/records'));
    expect(items).toHaveLength(4);
    expect(new Set(items.map((i) => i.side))).toEqual(new Set(['outgoing']));
    expect(new Set(items.map((i) => i.corridor))).toEqual(new Set(['KH-TH']));
    expect(new Set(items.map((i) => i.logId))).toEqual(new Set([`${AGREEMENT}/TH-IMM`]));
    expect(items.map((i) => i.leafIndex).sort()).toEqual([0, 1, 2, 3]);
    expect(items.map((i) => i.record.recordType).sort()).toEqual(['exchange.crossing.v1', 'exchange.crossing.v1', 'exchange.crossing.v1', 'exchange.trafficking-flag.v1']);
    // Ordered by when it happened: the early crossing first.
    expect(items[0].record.occurredAt).toBe(new Date(items[0].record.occurredAt).toISOString());
    expect(Date.parse(items[0].record.occurredAt)).toBeLessThan(Date.parse(hourAgo));
  });

  it('filters by corridor (either order), point-of-entry pair, type, side and time', async () => {
    expect(itemsOf(await coordinator('/exchange/records?corridor=TH-KH'))).toHaveLength(4);
    expect(itemsOf(await coordinator('/exchange/records?corridor=KH-TH'))).toHaveLength(4);
    expect(itemsOf(await coordinator('/exchange/records?corridor=TH-LA'))).toEqual([]);

    const pair = itemsOf(await coordinator('/exchange/records?pair=TH-ARANYAPRATHET~KH-POIPET'));
    expect(pair).toHaveLength(3);
    expect(new Set(pair.map((i) => i.pointOfEntryPair))).toEqual(new Set(['KH-POIPET~TH-ARANYAPRATHET']));
    expect(itemsOf(await coordinator('/exchange/records?pair=KH-POIPET~TH-ARANYAPRATHET'))).toHaveLength(3);
    const maeSotPair = itemsOf(await coordinator('/exchange/records?pair=TH-MAESOT~MM-MYAWADDY'));
    expect(maeSotPair.map((i) => i.record.payload['pointOfEntry'])).toEqual(['TH-MAESOT']);

    const crossings = itemsOf(await coordinator('/exchange/records?type=exchange.crossing.v1'));
    expect(crossings).toHaveLength(3);
    expect(itemsOf(await coordinator('/exchange/records?type=exchange.referral.v1'))).toEqual([]);
    expect(itemsOf(await coordinator('/exchange/records?side=outgoing'))).toHaveLength(4);
    expect(itemsOf(await coordinator('/exchange/records?side=incoming'))).toEqual([]);

    const since = itemsOf(await coordinator(`/exchange/records?from=${encodeURIComponent(hourAgo)}`));
    expect(since).toHaveLength(3);
    const before = itemsOf(await coordinator(`/exchange/records?to=${encodeURIComponent(hourAgo)}`));
    expect(before).toHaveLength(1);
    expect(before[0].record.payload['crossingRef']).toBe(crossings[0].record.payload['crossingRef']);
    // A time with an offset means the same instant.
    const bangkok = new Date(Date.parse(hourAgo) + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
    expect(itemsOf(await coordinator(`/exchange/records?to=${encodeURIComponent(bangkok)}`))).toHaveLength(1);
    expect(itemsOf(await coordinator(`/exchange/records?corridor=TH-KH&pair=TH-ARANYAPRATHET~KH-POIPET&type=exchange.crossing.v1&from=${encodeURIComponent(hourAgo)}`))).toHaveLength(1);
    expect(itemsOf(await coordinator('/exchange/records?limit=2'))).toHaveLength(2);
  });

  it('GET /exchange/flags lists only flags, whatever type is asked', async () => {
    const flags = itemsOf(await coordinator('/exchange/flags'));
    expect(flags).toHaveLength(1);
    expect(flags[0].record.recordType).toBe('exchange.trafficking-flag.v1');
    expect(itemsOf(await coordinator('/exchange/flags?type=exchange.crossing.v1')).map((i) => i.record.recordType)).toEqual(['exchange.trafficking-flag.v1']);
    expect(itemsOf(await coordinator('/exchange/flags?pair=TH-MAESOT~MM-MYAWADDY'))).toEqual([]);
    expect(itemsOf(await coordinator('/exchange/flags?side=incoming'))).toEqual([]);
  });

  it('minimised at the HTTP level: no document number, name or node ref; only the selected optional fields', async () => {
    const reply = await coordinator('/exchange/records');
    const text = JSON.stringify(reply.body);
    for (const secret of [CANARY.document, CANARY.name, CANARY.other, canary.travellerRef!, early.travellerRef!, canary.crossingId, early.crossingId, maeSot.crossingId]) {
      expect(text).not.toContain(secret);
    }
    for (const { record } of itemsOf(reply)) {
      expect(record.senderAgency).toBe('TH-IMM');
      const keys = Object.keys(record.payload).sort();
      if (record.recordType === 'exchange.crossing.v1') {
        expect(keys).toEqual([...MANDATORY_FIELDS['exchange.crossing.v1'], 'ageBand', 'nationality'].sort());
        expect(record.payload).toMatchObject({ ageBand: '25-34', nationality: 'KH', voided: false });
      } else {
        expect(keys).toEqual([...MANDATORY_FIELDS['exchange.trafficking-flag.v1'], 'severity', 'crossingRef'].sort());
        // Indicators are not selected: sent empty; the traveller's ref is not selected either.
        expect(record.payload).toMatchObject({ indicators: [], severity: 'medium', childProtection: false, pointOfEntry: 'TH-ARANYAPRATHET' });
        const flagged = itemsOf(reply).find((i) => i.record.recordType === 'exchange.crossing.v1' && i.record.payload['travellerRef'] === node.agreementTravellerRef(AGREEMENT, CANARY.document, 'KH'));
        expect(record.payload['crossingRef']).toBe(flagged!.record.payload['crossingRef']);
      }
    }
    // The traveller with a document gets the agreement's ref; the one without, a ref that links to nothing.
    const crossings = itemsOf(reply).filter((i) => i.record.recordType === 'exchange.crossing.v1').map((i) => i.record.payload['travellerRef']);
    expect(crossings).toContain(node.agreementTravellerRef(AGREEMENT, CANARY.document, 'KH'));
    expect(crossings).toContain(node.agreementTravellerRef(AGREEMENT, CANARY.other, 'KH'));
    expect(new Set(crossings).size).toBe(3);
  });

  it('GET /exchange/integrity: no partner feed, no status; GET /exchange/match-alerts answers', async () => {
    const integrity = await coordinator('/exchange/integrity');
    expect(integrity.status).toBe(200);
    expect(integrity.body).toMatchObject({ feeds: [] });
    expect((await coordinator('/exchange/integrity/checkpoints')).body).toMatchObject({ items: [] });
    for (const query of ['', '?open=true', '?open=false']) expect((await coordinator(`/exchange/match-alerts${query}`)).status).toBe(200);
  });

  it('POST /exchange/integrity/witness: a checkpoint of a log this node does not follow is unknown-log, and changes nothing', async () => {
    const partner = generateKeyPairSync('ed25519');
    const signed = signCheckpoint({ logId: `${AGREEMENT}/KH-GDI`, treeSize: 5, rootHash: new Uint8Array(32).fill(7), timestamp: new Date().toISOString() }, partner.privateKey, keyIdOf(partner.publicKey));
    const reply = await node.send('POST', '/exchange/integrity/witness', { as: 'cross-border-coordinator', body: signedCheckpointToJson(signed) });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ logId: `${AGREEMENT}/KH-GDI`, status: 'unknown-log', alerts: [] });
    expect((await coordinator('/exchange/integrity')).body).toMatchObject({ feeds: [] });
  });

  describe('bad queries and bodies get 400 naming the field', () => {
    const queries: [string, string][] = [
      ['corridor=THKH', 'corridor'],
      ['corridor=th-kh', 'corridor'],
      ['corridor=TH-KH-LA', 'corridor'],
      ['pair=TH-ARANYAPRATHET', 'pair'],
      ['pair=TH-ARANYAPRATHET~', 'pair'],
      ['type=exchange.passport.v1', 'type'],
      ['side=both', 'side'],
      ['from=yesterday', 'from'],
      ['to=2026-13-01T00:00:00Z', 'to'],
      // Valid ISO 8601 that Date cannot read: these answered 500 before the DTO required a day or a zoned time.
      ['from=2026-W47-1', 'from'],
      ['to=2026-327', 'to'],
      ['from=20261123', 'from'],
      ['to=2026-11-23T10:00:00-06', 'to'],
      ['from=2026-11-23T10:00:00,5Z', 'from'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=1.5', 'limit'],
      ['travellerRef=abc', 'travellerRef'],
    ];
    it.each(queries)('GET /exchange/records?%s', async (query, field) => {
      const reply = await coordinator(`/exchange/records?${query}`);
      expect(reply.status).toBe(400);
      expect(fieldsOf(reply)).toContain(field);
      expect((await coordinator(`/exchange/flags?${query}`)).status).toBe(400);
    });

    it('GET /exchange/match-alerts?open=maybe', async () => {
      const reply = await coordinator('/exchange/match-alerts?open=maybe');
      expect(reply.status).toBe(400);
      expect(fieldsOf(reply)).toEqual(['open']);
    });

    const witnesses: [string, unknown, string][] = [
      ['a body that is not base64', { body: 'not base64!', signature: 'AAAA', keyId: '0123456789abcdef' }, 'body'],
      ['a missing signature', { body: 'AAAA', keyId: '0123456789abcdef' }, 'signature'],
      ['a key id that is not 16 hex digits', { body: 'AAAA', signature: 'AAAA', keyId: 'KEY' }, 'keyId'],
      ['base64 that does not decode canonically', { body: 'AAA', signature: 'AAAA', keyId: '0123456789abcdef' }, 'body'],
      ['an unknown property', { body: 'AAAA', signature: 'AAAA', keyId: '0123456789abcdef', logId: 'x' }, 'logId'],
      ['an oversized body', { body: 'A'.repeat(2004), signature: 'AAAA', keyId: '0123456789abcdef' }, 'body'],
    ];
    it.each(witnesses)('POST /exchange/integrity/witness with %s', async (_name, body, field) => {
      const reply = await node.send('POST', '/exchange/integrity/witness', { as: 'cross-border-coordinator', body });
      expect(reply.status).toBe(400);
      expect(fieldsOf(reply)).toContain(field);
    });

    it('a witnessed checkpoint whose body is not a checkpoint is unknown-log', async () => {
      const reply = await node.send('POST', '/exchange/integrity/witness', { as: 'cross-border-coordinator', body: { body: 'AAAA', signature: 'AAAA', keyId: '0123456789abcdef' } });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ status: 'unknown-log' });
    });
  });

  it('only coordinators read the shared feeds and witness checkpoints', async () => {
    for (const role of ['administrator', 'border-officer', 'protection-officer', 'auditor'] as const) {
      for (const path of ['/exchange/records', '/exchange/flags', '/exchange/integrity', '/exchange/match-alerts']) {
        expect((await node.send('GET', path, { as: role })).status).toBe(403);
      }
      expect((await node.send('POST', '/exchange/integrity/witness', { as: role, body: { body: 'AAAA', signature: 'AAAA', keyId: '0123456789abcdef' } })).status).toBe(403);
    }
    const foreign = { sub: 'kh-coordinator', agency: 'KH-GDI', country: 'KH', roles: ['cross-border-coordinator' as const], pointsOfEntry: [] };
    expect((await node.send('GET', '/exchange/records', { as: foreign })).status).toBe(403);
    expect((await node.send('GET', '/exchange/records', { as: null })).status).toBe(401);
  });
});
