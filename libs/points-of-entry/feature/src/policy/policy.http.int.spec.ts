import fc from 'fast-check';
import { SCREENING_POLICY_PUBLISHED } from '@border-ledger/points-of-entry-domain';
import { currentRules, junkText, policyBody, startScreeningTestApp, type ScreeningTestApp } from '../screening/screening.test-app';

describe('screening policies over HTTP', () => {
  let node: ScreeningTestApp;
  beforeAll(async () => {
    node = await startScreeningTestApp();
  });
  afterAll(() => node.close());

  it('publishes versions as events on the country stream, lists them and finds the one in force', async () => {
    const v1 = await node.api.request('POST', '/screening/policies', policyBody(1, '2026-01-01T00:00:00+07:00'));
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ country: 'TH', version: 1, revision: 0, replayed: false });
    expect(v1.headers.get('location')).toBe('/screening/policies/TH');
    const v2 = await node.api.request('POST', '/screening/policies', policyBody(2, '2026-10-01T00:00:00+07:00'), { 'if-match': '0' });
    expect(v2.status).toBe(201);
    const [first, second] = await node.store.readStream('screening-policy-TH');
    expect([first.type, second.type]).toEqual([SCREENING_POLICY_PUBLISHED, SCREENING_POLICY_PUBLISHED]);
    expect(first.data).toEqual({ ...policyBody(1, '2026-01-01T00:00:00+07:00'), policyId: (v1.body as { policyId: string }).policyId });
    const list = await node.api.request('GET', '/screening/policies/TH');
    expect(list.headers.get('etag')).toBe('"1"');
    expect((list.body as { policies: Array<{ version: number }> }).policies.map((p) => p.version)).toEqual([1, 2]);
    const inForce = await node.api.request('GET', '/screening/policies/TH/in-force?at=2026-09-30T23:59:00%2B07:00');
    expect(inForce.body).toMatchObject({ version: 1, rules: currentRules });
    expect((await node.api.request('GET', '/screening/policies/TH/in-force?at=2025-01-01T00:00:00Z')).status).toBe(404);
    expect((await node.api.request('GET', '/screening/policies/LA')).body).toEqual({ country: 'LA', revision: -1, policies: [] });
  });

  it('stores a retried publication once and answers it the same', async () => {
    const headers = { 'idempotency-key': 'policy-v3-attempt' };
    const first = await node.api.request('POST', '/screening/policies', policyBody(3, '2026-10-15T00:00:00+07:00'), headers);
    const head = await node.store.headPosition();
    const again = await node.api.request('POST', '/screening/policies', policyBody(3, '2026-10-15T00:00:00+07:00'), headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...(first.body as object), replayed: true });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await node.store.headPosition()).toBe(head);
  });

  it('refuses versions that do not increase and effective dates that go back (422 with the rule)', async () => {
    const head = await node.store.headPosition();
    const stale = await node.api.request('POST', '/screening/policies', policyBody(2, '2026-12-01T00:00:00+07:00'));
    expect(stale.status).toBe(422);
    expect(stale.body).toMatchObject({ rule: 'policy-version-not-increasing' });
    const back = await node.api.request('POST', '/screening/policies', policyBody(9, '2026-10-14T00:00:00+07:00'));
    expect(back.body).toMatchObject({ statusCode: 422, rule: 'policy-effective-date-goes-back' });
    const foreign = await node.api.request('POST', '/screening/policies', { ...policyBody(9, '2026-12-01T00:00:00+07:00'), country: 'LA' });
    expect(foreign.body).toMatchObject({ rule: 'policy-of-another-country' });
    expect(await node.store.headPosition()).toBe(head);
  });

  it('refuses a policy naming nationality or purpose: 422 in a condition, 400 as a field', async () => {
    const head = await node.store.headPosition();
    const condition = (attribute: string) => ({
      ...currentRules,
      categoryRules: [{ when: { attribute, in: ['MM'] }, exemptFromTesting: false, exemptFromQuarantine: false }],
    });
    for (const attribute of ['nationality', 'purposeOfTravel', 'citizenship']) {
      const refused = await node.api.request('POST', '/screening/policies', policyBody(9, '2026-12-01T00:00:00+07:00', condition(attribute)));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ rule: 'policy-discriminates', message: expect.stringContaining('same rules to every category of traveller') });
    }
    const fields = [
      { ...policyBody(9, '2026-12-01T00:00:00+07:00'), nationality: 'MM' },
      policyBody(9, '2026-12-01T00:00:00+07:00', { ...currentRules, testing: { ...currentRules.testing, purpose: 'work' } } as never),
    ];
    for (const body of fields) {
      const response = await node.api.request('POST', '/screening/policies', body);
      expect(response.status).toBe(400);
    }
    const unknown = await node.api.request('POST', '/screening/policies', policyBody(9, '2026-12-01T00:00:00+07:00', condition('sex')));
    expect(unknown.body).toMatchObject({ statusCode: 422, rule: 'policy-invalid' });
    expect(await node.store.headPosition()).toBe(head);
  });

  it('answers 409 with the current revision to a stale If-Match', async () => {
    const stale = await node.api.request('POST', '/screening/policies', policyBody(10, '2026-12-01T00:00:00+07:00'), { 'if-match': '0' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentRevision: 2 });
  });

  it('answers 400 to a bad country, instant, header', async () => {
    expect((await node.api.request('GET', '/screening/policies/XX')).status).toBe(400);
    expect((await node.api.request('GET', '/screening/policies/TH/in-force?at=yesterday')).status).toBe(400);
    expect((await node.api.request('POST', '/screening/policies', policyBody(11, '2026-12-01T00:00:00+07:00'), { 'if-match': 'soon' })).status).toBe(400);
    expect((await node.api.request('POST', '/screening/policies', policyBody(11, '2026-12-01T00:00:00+07:00'), { 'idempotency-key': 'short' })).status).toBe(400);
  });

  it('gets only 4xx for any malformed body, at any depth, and stores nothing (fuzz)', async () => {
    const head = await node.store.headPosition();
    const valid = policyBody(20, '2026-12-01T00:00:00+07:00');
    const junk = fc.oneof(
      junkText(),
      fc.integer({ max: -1 }),
      fc.constant(null),
      fc.array(junkText(), { minLength: 1, maxLength: 2 }),
      fc.object({ maxDepth: 1 }),
    );
    const paths = [
      'country', 'version', 'effectiveFrom', 'rules', 'policyId', 'extra',
      'rules.symptoms', 'rules.symptoms.watched', 'rules.symptoms.negativeTestQuarantineDays', 'rules.temperature.feverAtOrAboveCelsius',
      'rules.testing.requiredFor', 'rules.testing.acceptedTypes', 'rules.vaccination.fullyVaccinatedDoses', 'rules.vaccination.acceptedProducts',
      'rules.vaccination.verifiedCertificateRequired', 'rules.categoryRules', 'rules.countriesVisited', 'rules.contactWithCase.quarantineDays',
      'rules.extra',
    ];
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...paths), junk, { minKeys: 1, maxKeys: 3 }), async (patch) => {
        const body = structuredClone(valid) as Record<string, unknown>;
        for (const [path, value] of Object.entries(patch)) setPath(body, path, value);
        const response = await node.api.request('POST', '/screening/policies', body);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    for (const raw of ['{', '[]', '"text"', 'null', '{"country":']) {
      expect((await node.api.request('POST', '/screening/policies', raw)).status).toBe(400);
    }
    expect(await node.store.headPosition()).toBe(head);
  });
});

describe('screening policy reads (fuzz)', () => {
  let node: ScreeningTestApp;
  beforeAll(async () => {
    node = await startScreeningTestApp();
  });
  afterAll(() => node.close());

  it('answers any country and instant with a 2xx or 4xx, never an error, and stores nothing', async () => {
    const head = await node.store.headPosition();
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), fc.string(), async (country, at) => {
        const list = await node.api.request('GET', `/screening/policies/${encodeURIComponent(country)}`);
        expect(list.status === 200 || (list.status >= 400 && list.status < 500)).toBe(true);
        const inForce = await node.api.request('GET', `/screening/policies/${encodeURIComponent(country)}/in-force?at=${encodeURIComponent(at)}`);
        expect(inForce.status).toBeGreaterThanOrEqual(400);
        expect(inForce.status).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
    expect(await node.store.headPosition()).toBe(head);
  });
});

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cursor = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof cursor[key] !== 'object' || cursor[key] === null) return;
    cursor = cursor[key] as Record<string, unknown>;
  }
  cursor[keys[keys.length - 1]] = value;
}
