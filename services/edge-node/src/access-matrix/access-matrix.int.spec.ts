import { ROLES, type AccessAuditData } from '@border-ledger/security';
import { createTestIdentityProvider } from '@border-ledger/testing';
import { ENDPOINTS, type Endpoint } from './access-matrix.endpoints';
import { crossingBody, Fixtures, flagBody, NOTE, officer, screeningStart, TRAVELLER_NAME } from './access-matrix.fixtures';
import { OTHER, OWN, startSecuredEdgeNode, type Reply, type Scope, type SecuredEdgeNode } from './edge-node.test-app';

/**
 * Every role × every endpoint × a record of the caller's own point of entry and of another, on
 * the edge node as composed for `npm start`: allowed exactly as written in ENDPOINTS, refused
 * with 403 otherwise; id swaps refused; bad tokens 401; and every refusal in the audit stream.
 */
describe('access matrix of the edge node', () => {
  let node: SecuredEdgeNode;
  let fx: Fixtures;
  const refused: Array<{ what: string; reply: Reply }> = [];
  const granted: Array<{ what: string; reply: Reply; purpose: string }> = [];
  const expectRefused = (what: string, reply: Reply, status = 403): void => {
    expect({ what, status: reply.status }).toEqual({ what, status });
    refused.push({ what, reply });
  };

  beforeAll(async () => {
    node = await startSecuredEdgeNode();
    fx = new Fixtures(node);
  }, 60_000);
  afterAll(() => node?.close());

  const cases = ENDPOINTS.flatMap((endpoint) =>
    ROLES.flatMap((role) => (endpoint.scoped ? (['own', 'other'] as Scope[]) : (['own'] as Scope[])).map((scope) => ({ endpoint, role, scope }))),
  );
  const label = (endpoint: Endpoint, role: string, scope: Scope) => `${endpoint.name} by a ${role}${endpoint.scoped ? ` (record of ${scope === 'own' ? 'own' : 'another'} post or centre)` : ''}`;

  it.each(cases.map((c) => [label(c.endpoint, c.role, c.scope), c] as const))('%s', async (what, { endpoint, role, scope }) => {
    const request = await endpoint.request(fx, scope);
    const headers: Record<string, string> = endpoint.purpose ? { 'x-purpose-of-use': endpoint.purpose } : {};
    const reply = await node.send(request.method, request.path, { token: officer(role), body: request.body, headers });
    const grant = endpoint.allowed[role];
    if (grant === 'any' || (grant === 'own' && scope === 'own')) {
      expect({ what, status: reply.status, body: reply.status === endpoint.ok ? undefined : reply.body }).toEqual({ what, status: endpoint.ok, body: undefined });
      if (endpoint.purpose) granted.push({ what, reply, purpose: endpoint.purpose });
    } else {
      expectRefused(what, reply);
    }
  });

  it('refuses every endpoint to officers of another country, whatever their roles', async () => {
    const foreigner = { sub: 'kh-officer', agency: 'KH-GDI', country: 'KH', roles: [...ROLES], pointsOfEntry: ['KH-POIPET'] };
    for (const endpoint of ENDPOINTS) {
      const request = await endpoint.request(fx, 'own');
      const reply = await node.send(request.method, request.path, { token: foreigner, body: request.body, headers: { 'x-purpose-of-use': 'oversight' } });
      expectRefused(`${endpoint.name} by an officer of KH`, reply);
    }
  });

  describe('id swaps', () => {
    const bo = officer('border-officer');
    const pho = officer('port-health-officer');

    it('tells quarantine staff of any centre whether a crossing has a stay, but acts on none that is not at their centre', async () => {
      const staff = officer('quarantine-staff');
      const purpose = { 'x-purpose-of-use': 'quarantine-care' };
      const unknown = await node.send('GET', '/quarantine/stays/00000000-0000-4000-8000-000000000000', { token: staff, headers: purpose });
      expect(unknown.status).toBe(404);
      const release = await node.send('POST', '/quarantine/stays/00000000-0000-4000-8000-000000000000/release', { token: staff, body: { releasedAt: new Date().toISOString() } });
      expectRefused('release a stay that is at no centre of the caller', release);
    });

    it('refuses reading, editing or retrying records of another post by their id', async () => {
      const theirFlag = await fx.flag('other');
      const read = await node.send('GET', `/flags/${theirFlag}`, { token: bo, headers: { 'x-purpose-of-use': 'border-control' } });
      expectRefused('GET another post flag', read);
      expect(JSON.stringify(read.body)).not.toContain(NOTE);
      expectRefused('withdraw another post flag', await node.send('POST', `/flags/${theirFlag}/withdraw`, { token: bo, body: { reason: 'raised-in-error' } }));
      const theirs = await fx.crossing('other');
      expectRefused('retry another post crossing as own', await node.send('POST', '/crossings', { token: bo, body: { ...crossingBody(OWN), crossingId: theirs.crossingId } }));
      expectRefused('flag id of another post reused', await node.send('POST', '/flags', { token: bo, body: { ...flagBody(OWN, (await fx.crossing('own')).crossingId), flagId: theirFlag } }));
    });

    it("refuses starting, or retrying, the screening of another post's traveller under one's own post", async () => {
      const theirs = await fx.crossing('other');
      expectRefused('start screening of another post crossing', await node.send('POST', '/screenings', { token: pho, body: screeningStart(OWN, theirs.crossingId) }));
      const started = await fx.screening('other', 'decided');
      const retry = await node.send('POST', '/screenings', { token: pho, body: screeningStart(OWN, started) });
      expectRefused('retry another post screening', retry);
      expect(retry.body).not.toHaveProperty('outcome');
    });

    it('lists only the flags of the officer own post, and refuses a filter on another', async () => {
      await fx.flag('other');
      const mine = await node.send('GET', '/flags?limit=500', { token: bo });
      const items = mine.body['items'] as Array<{ pointOfEntry: string }>;
      expect(items.length).toBeGreaterThan(0);
      expect(new Set(items.map((i) => i.pointOfEntry))).toEqual(new Set([OWN]));
      expectRefused('list flags of another post', await node.send('GET', `/flags?pointOfEntry=${OTHER}`, { token: bo }));
    });

    it('keeps a flag on its crossing post: a flag at one post about a crossing at another is refused by the rules', async () => {
      const theirs = await fx.crossing('other');
      const reply = await node.send('POST', '/flags', { token: bo, body: flagBody(OWN, theirs.crossingId) });
      expect(reply).toMatchObject({ status: 422, body: { rule: 'flag-point-of-entry-differs-from-crossing' } });
    });
  });

  describe('fields each role sees', () => {
    it('shows a flag note to protection officers only', async () => {
      const flagId = await fx.flag('own');
      const protection = await node.send('GET', `/flags/${flagId}`, { token: officer('protection-officer'), headers: { 'x-purpose-of-use': 'protection' } });
      expect(protection.body).toMatchObject({ note: { text: NOTE }, hasNote: true });
      const border = await node.send('GET', `/flags/${flagId}`, { token: officer('border-officer'), headers: { 'x-purpose-of-use': 'border-control' } });
      expect(border.body).toMatchObject({ note: null, hasNote: true, redacted: ['note'], indicators: ['deception'], severity: expect.any(String) });
    });

    it('shows clinical facts to health roles, the outcome category to border officers', async () => {
      const crossingId = await fx.screening('own', 'decided');
      const read = (role: 'port-health-officer' | 'quarantine-staff' | 'border-officer') =>
        node.send('GET', `/screenings/${crossingId}`, { token: officer(role), headers: { 'x-purpose-of-use': 'health-screening' } });
      for (const role of ['port-health-officer', 'quarantine-staff'] as const) {
        expect((await read(role)).body).toMatchObject({ temperatureCelsius: 36.6, declaration: { symptoms: [] }, pathway: 'asymptomatic', outcome: { category: 'quarantine', reasons: expect.any(Array) } });
      }
      const border = (await read('border-officer')).body;
      expect(border).toMatchObject({ status: 'decided', outcome: { category: 'quarantine', days: 7 }, pointOfEntry: OWN });
      for (const field of ['temperatureCelsius', 'declaration', 'tests', 'vaccination', 'pathway']) expect(border).not.toHaveProperty(field);
      expect(border['outcome']).not.toHaveProperty('reasons');
    });

    it('answers readiness to anyone, its detail to administrators only', async () => {
      expect((await node.send('GET', '/health/ready')).body).toEqual({ status: 'ok' });
      expect((await node.send('GET', '/health/ready', { token: officer('auditor') })).body).toEqual({ status: 'ok' });
      expect((await node.send('GET', '/health', { token: officer('administrator') })).body).toMatchObject({ status: 'ok', checks: { 'event-store': { status: 'up' } } });
      expect((await node.send('GET', '/health/live')).status).toBe(200);
      const metrics = await node.send('GET', '/metrics');
      expect(metrics.status).toBe(200);
      expect(String(metrics.body['text'])).not.toContain(TRAVELLER_NAME);
    });
  });

  describe('tokens', () => {
    const stranger = createTestIdentityProvider({ issuer: 'https://idp.stranger.test' });
    afterAll(() => stranger.dispose());

    it.each([
      ['no token', async () => undefined, 'token-missing'],
      ['an expired token', async () => node.idp.token(officer('auditor'), { issuedAt: new Date(Date.now() - 7_200_000), ttlSeconds: 600 }), 'token-expired'],
      ['a wrongly signed token', async () => node.idp.token(officer('auditor'), { forged: true }), 'signature-invalid'],
      ['a token for another audience', async () => node.idp.token(officer('auditor'), { audience: 'urn:border-ledger:KH-GDI' }), 'audience-mismatch'],
      ['a token of an untrusted issuer', async () => stranger.token(officer('auditor')), 'issuer-untrusted'],
    ])('answers 401 to %s, with the reason, and records it', async (what, token, reason) => {
      const reply = await node.send('GET', '/audit', { token: await token(), headers: { 'x-purpose-of-use': 'oversight' } });
      expectRefused(`GET /audit with ${what}`, reply, 401);
      expect(reply.body).toMatchObject({ statusCode: 401, reason });
      expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer realm="border-ledger"/);
    });

    it('asks a sensitive read for its purpose (400 per field), and records that too', async () => {
      const reply = await node.send('GET', '/audit', { token: officer('auditor') });
      expectRefused('GET /audit without a purpose', reply, 400);
      expect(reply.body).toMatchObject({ errors: [{ field: 'X-Purpose-Of-Use' }] });
    });

    it('refuses a body over the limit with 413', async () => {
      const body = JSON.stringify({ ...crossingBody(OWN), note: 'x'.repeat(100_000) });
      expect((await node.send('POST', '/crossings', { token: officer('border-officer'), body })).status).toBe(413);
    });
  });

  it('has every refusal and every granted sensitive read in the hash-chained audit stream, and no personal data there', async () => {
    const audit = await node.audit();
    const missing = refused.filter(({ reply }) => !(audit.get(reply.correlationId) ?? []).some((a) => a.outcome === 'refused' && a.status === reply.status));
    expect(missing.map((m) => m.what)).toEqual([]);
    expect(refused.length).toBeGreaterThan(250);
    const unrecorded = granted.filter(({ reply, purpose }) => !(audit.get(reply.correlationId) ?? []).some((a: AccessAuditData) => a.outcome === 'granted' && a.purpose === purpose));
    expect(unrecorded.map((g) => g.what)).toEqual([]);
    const text = JSON.stringify(await node.auditEvents());
    expect(text).not.toContain(TRAVELLER_NAME);
    expect(text).not.toContain(NOTE);
    expect(await node.store.verify()).toMatchObject({ ok: true });
    const auditor = await node.send('GET', '/audit?outcome=refused&limit=5', { token: officer('auditor'), headers: { 'x-purpose-of-use': 'oversight' } });
    expect(auditor.body).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ outcome: 'refused', hash: expect.stringMatching(/^[0-9a-f]{64}$/) })]) });
    process.stdout.write(`access matrix: ${cases.length} role × endpoint × scope cases, ${refused.length} refusals and ${granted.length} sensitive reads, all in the audit stream\n`);
  });
});
