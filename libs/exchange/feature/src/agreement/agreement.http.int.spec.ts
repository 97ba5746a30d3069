import { agreementStream } from '@border-ledger/exchange-domain';
import { startExchangeTestNode, type ExchangeTestNode, type Reply } from '../testing/exchange-node.test-app';

const day = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const terms = (agreementId: string, overrides: Record<string, unknown> = {}) => ({
  agreementId,
  parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'KH-GDI', country: 'KH' }],
  purpose: 'border-management',
  records: { 'exchange.crossing.v1': { fields: ['ageBand', 'nationality'] } },
  pointsOfEntry: ['TH-ARANYAPRATHET', 'KH-POIPET'],
  retentionDays: 90,
  effectiveFrom: day(-1),
  ...overrides,
});

/** The field names of a 400's field-level errors. */
const fieldsOf = (reply: Reply): string[] => ((reply.body['errors'] as { field: string }[] | undefined) ?? []).map((e) => e.field);
const messagesOf = (reply: Reply): string => JSON.stringify(reply.body['errors'] ?? reply.body['message']);

describe('POST/GET /exchange/agreements (real SQLite, real access control)', () => {
  let node: ExchangeTestNode;

  beforeAll(async () => {
    node = await startExchangeTestNode();
  });
  afterAll(() => node.close());

  const record = (body: unknown, headers: Record<string, string> = {}) => node.send('POST', '/exchange/agreements', { as: 'administrator', body, headers });
  const get = async (id: string): Promise<Reply> => {
    await node.settle();
    return node.send('GET', `/exchange/agreements/${id}`, { as: 'cross-border-coordinator' });
  };

  it('records an agreement: 201 with its Location, then GET shows version 1 in force', async () => {
    const created = await record(terms('th-kh-border'));
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/exchange/agreements/th-kh-border');
    expect(created.headers.get('idempotent-replayed')).toBeNull();
    expect(created.body).toMatchObject({ agreementId: 'th-kh-border', status: 'active', version: 1, revision: 0, replayed: false });

    const shown = await get('th-kh-border');
    expect(shown.status).toBe(200);
    expect(shown.headers.get('etag')).toBe('"0"');
    expect(shown.body).toMatchObject({ agreementId: 'th-kh-border', revision: 0, inForceVersion: 1, state: { status: 'active', versions: [{ version: 1, terms: terms('th-kh-border') }] } });

    const listed = await node.send('GET', '/exchange/agreements', { as: 'administrator' });
    expect(listed.status).toBe(200);
    expect((listed.body['items'] as { agreementId: string }[]).map((a) => a.agreementId)).toContain('th-kh-border');
  });

  it('the same body again is a replay: the original answer, flagged, and one event stored', async () => {
    const body = terms('th-kh-replay');
    expect((await record(body)).status).toBe(201);
    const again = await record(body);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ agreementId: 'th-kh-replay', version: 1, revision: 0, replayed: true });
    // The same key with the keys in another order is the same body (canonical JSON).
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await record(reordered)).headers.get('idempotent-replayed')).toBe('true');
    expect(await node.store.readStream(agreementStream('th-kh-replay'))).toHaveLength(1);

    // Another body for the same id is not a replay: refused by the rule, nothing stored.
    const other = await record(terms('th-kh-replay', { retentionDays: 30 }));
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ rule: 'agreement-already-recorded' });
    expect(await node.store.readStream(agreementStream('th-kh-replay'))).toHaveLength(1);
  });

  it('amends under If-Match: a stale revision gets 409 with the current one, the right one makes version 2; then revokes', async () => {
    expect((await record(terms('th-kh-amend'))).status).toBe(201);
    await node.settle();
    const amended = terms('th-kh-amend', { records: { 'exchange.crossing.v1': { fields: ['ageBand'] } }, effectiveFrom: day(0) });
    const path = '/exchange/agreements/th-kh-amend';

    const stale = await node.send('POST', `${path}/amendments`, { as: 'administrator', body: amended, headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ expectedRevision: 7, currentRevision: 0 });

    const malformed = await node.send('POST', `${path}/amendments`, { as: 'administrator', body: amended, headers: { 'if-match': 'yesterday' } });
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed)).toEqual(['If-Match']);

    const ok = await node.send('POST', `${path}/amendments`, { as: 'administrator', body: amended, headers: { 'if-match': '"0"' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ agreementId: 'th-kh-amend', status: 'active', version: 2, revision: 1 });

    const shown = await get('th-kh-amend');
    expect(shown.headers.get('etag')).toBe('"1"');
    expect(shown.body).toMatchObject({ revision: 1, inForceVersion: 2 });
    expect((shown.body['state'] as { versions: { version: number }[] }).versions.map((v) => v.version)).toEqual([1, 2]);

    // An amendment of another agreement's id in the body, or backdated, is refused.
    const mismatch = await node.send('POST', `${path}/amendments`, { as: 'administrator', body: terms('th-kh-border', { effectiveFrom: day(1) }) });
    expect(mismatch.status).toBe(400);
    expect(fieldsOf(mismatch)).toEqual(['agreementId']);
    const backdated = await node.send('POST', `${path}/amendments`, { as: 'administrator', body: { ...amended, retentionDays: 60, effectiveFrom: day(-3) } });
    expect(backdated.status).toBe(422);
    expect(backdated.body).toMatchObject({ rule: 'agreement-amendment-backdated' });

    for (const revokedAt of ['2026', '2026-W47-1', '2026-11-23', '2026-11-23T10:00:00']) {
      const vague = await node.send('POST', `${path}/revoke`, { as: 'administrator', body: { reason: 'superseded', revokedAt } });
      expect(vague.status).toBe(400);
      expect(fieldsOf(vague)).toEqual(['revokedAt']);
    }
    const staleRevoke = await node.send('POST', `${path}/revoke`, { as: 'administrator', body: { reason: 'superseded' }, headers: { 'if-match': '0' } });
    expect(staleRevoke.status).toBe(409);
    expect(staleRevoke.body).toMatchObject({ currentRevision: 1 });
    const revoked = await node.send('POST', `${path}/revoke`, { as: 'administrator', body: { reason: 'superseded' }, headers: { 'if-match': '1' } });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revision: 2 });
    const after = await get('th-kh-amend');
    expect(after.body).toMatchObject({ inForceVersion: null, state: { status: 'revoked', reason: 'superseded' } });

    const again = await node.send('POST', `${path}/revoke`, { as: 'administrator', body: { reason: 'superseded' } });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ rule: 'agreement-already-revoked' });
    const amendRevoked = await node.send('POST', `${path}/amendments`, { as: 'administrator', body: { ...amended, retentionDays: 10 } });
    expect(amendRevoked.status).toBe(422);
    expect(amendRevoked.body).toMatchObject({ rule: 'agreement-revoked' });
    expect(await node.store.readStream(agreementStream('th-kh-amend'))).toHaveLength(3);
  });

  describe('bad bodies get 4xx with a message naming the field or the rule, and store nothing', () => {
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['an unknown record type key', { records: { 'exchange.passport.v1': { fields: [] } } }, 400, 'records.exchange.passport.v1'],
      ['an unknown field in a selection', { records: { 'exchange.crossing.v1': { fields: ['ageBand', 'documentNumber'] } } }, 400, 'records.exchange.crossing.v1.fields'],
      ['a mandatory field in a selection', { records: { 'exchange.crossing.v1': { fields: ['travellerRef'] } } }, 400, 'records.exchange.crossing.v1.fields'],
      ['a duplicated field', { records: { 'exchange.crossing.v1': { fields: ['ageBand', 'ageBand'] } } }, 400, 'records.exchange.crossing.v1.fields'],
      ['a party outside the subregion', { parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'FR-DGEF', country: 'FR' }] }, 400, 'parties[1].country'],
      ['a malformed agency', { parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'kh gdi', country: 'KH' }] }, 400, 'parties[1].agency'],
      ['three parties', { parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'KH-GDI', country: 'KH' }, { agency: 'LA-IMM', country: 'LA' }] }, 400, 'parties'],
      ['retentionDays 0', { retentionDays: 0 }, 400, 'retentionDays'],
      ['retentionDays as a string', { retentionDays: '90' }, 400, 'retentionDays'],
      ['a malformed effectiveFrom', { effectiveFrom: '1/1/2026' }, 400, 'effectiveFrom'],
      ['a malformed effectiveUntil', { effectiveUntil: '2026-01-01T00:00:00Z' }, 400, 'effectiveUntil'],
      ['an unknown purpose', { purpose: 'surveillance' }, 400, 'purpose'],
      ['an agreement id that is no slug', { agreementId: 'TH_KH' }, 400, 'agreementId'],
      ['an unknown property', { sharedSecret: 'x' }, 400, 'sharedSecret'],
    ];
    it.each(cases)('%s: 400 naming the field', async (_name, patch, status, field) => {
      const before = await node.store.headPosition();
      const reply = await record({ ...terms('th-kh-bad'), ...patch });
      expect(reply.status).toBe(status);
      expect(fieldsOf(reply)).toContain(field);
      expect(messagesOf(reply).length).toBeGreaterThan(10);
      expect(await node.store.headPosition()).toBe(before);
    });

    const rules: [string, Record<string, unknown>, string][] = [
      ['the same country twice', { parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'TH-DOH', country: 'TH' }] }, 'agreement-parties-same-country'],
      ['an agency of another country than its party', { parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'LA-GDI', country: 'KH' }] }, 'party-agency-malformed'],
      ['a calendar day that does not exist', { effectiveFrom: '2026-02-30' }, 'agreement-date-malformed'],
      ['an end before the start', { effectiveFrom: '2026-03-01', effectiveUntil: '2026-02-01' }, 'agreement-ends-before-it-starts'],
      ['no record type', { records: {} }, 'agreement-shares-nothing'],
      ['a point of entry outside the parties', { pointsOfEntry: ['TH-ARANYAPRATHET', 'LA-VIENTIANE'] }, 'point-of-entry-outside-the-parties'],
      ['an unknown point of entry', { pointsOfEntry: ['TH-NOWHERE'] }, 'point-of-entry-unknown'],
    ];
    it.each(rules)('%s: 422 with the rule', async (_name, patch, rule) => {
      const before = await node.store.headPosition();
      const reply = await record({ ...terms('th-kh-bad'), ...patch });
      expect(reply.status).toBe(422);
      expect(reply.body).toMatchObject({ rule });
      expect(String(reply.body['message']).length).toBeGreaterThan(10);
      expect(await node.store.headPosition()).toBe(before);
    });

    it('malformed JSON and a bad Idempotency-Key: 400', async () => {
      expect((await record('{"agreementId":')).status).toBe(400);
      const key = await record(terms('th-kh-bad'), { 'idempotency-key': 'no' });
      expect(key.status).toBe(400);
      expect(fieldsOf(key)).toEqual(['Idempotency-Key']);
      expect(await node.store.readStream(agreementStream('th-kh-bad'))).toEqual([]);
    });
  });

  it('GET /exchange/agreements/:id: 404 for an unknown agreement, 400 for a malformed id; amend/revoke likewise', async () => {
    const unknown = await node.send('GET', '/exchange/agreements/th-kh-nobody', { as: 'administrator' });
    expect(unknown.status).toBe(404);
    const malformed = await node.send('GET', '/exchange/agreements/TH_KH', { as: 'administrator' });
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed)).toEqual(['agreementId']);
    expect((await node.send('POST', '/exchange/agreements/th-kh-nobody/revoke', { as: 'administrator', body: { reason: 'superseded' } })).status).toBe(404);
    expect((await node.send('POST', '/exchange/agreements/th-kh-nobody/amendments', { as: 'administrator', body: terms('th-kh-nobody') })).status).toBe(404);
    expect((await node.send('POST', '/exchange/agreements/Bad!/revoke', { as: 'administrator', body: { reason: 'superseded' } })).status).toBe(400);
  });

  it('only administrators write; coordinators and administrators read; everyone else is refused', async () => {
    await record(terms('th-kh-roles'));
    await node.settle();
    for (const role of ['border-officer', 'cross-border-coordinator', 'protection-officer', 'auditor'] as const) {
      expect((await node.send('POST', '/exchange/agreements', { as: role, body: terms(`th-kh-by-${role}`) })).status).toBe(403);
      expect((await node.send('POST', '/exchange/agreements/th-kh-roles/revoke', { as: role, body: { reason: 'superseded' } })).status).toBe(403);
      expect((await node.send('POST', '/exchange/agreements/th-kh-roles/amendments', { as: role, body: terms('th-kh-roles', { effectiveFrom: day(1) }) })).status).toBe(403);
    }
    for (const role of ['border-officer', 'protection-officer', 'auditor', 'quarantine-staff'] as const) {
      expect((await node.send('GET', '/exchange/agreements', { as: role })).status).toBe(403);
      expect((await node.send('GET', '/exchange/agreements/th-kh-roles', { as: role })).status).toBe(403);
    }
    for (const role of ['cross-border-coordinator', 'administrator'] as const) {
      expect((await node.send('GET', '/exchange/agreements/th-kh-roles', { as: role })).status).toBe(200);
    }
    // An administrator of another country is not one of this node.
    const foreign = { sub: 'kh-admin', agency: 'KH-GDI', country: 'KH', roles: ['administrator' as const], pointsOfEntry: [] };
    expect((await node.send('POST', '/exchange/agreements', { as: foreign, body: terms('th-kh-foreign') })).status).toBe(403);
    expect((await node.send('GET', '/exchange/agreements', { as: null })).status).toBe(401);
    expect((await node.send('POST', '/exchange/agreements', { as: null, body: terms('th-kh-anonymous') })).status).toBe(401);
    for (const id of ['th-kh-by-border-officer', 'th-kh-foreign', 'th-kh-anonymous']) expect(await node.store.readStream(agreementStream(id))).toEqual([]);
  });
});
