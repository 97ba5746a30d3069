import fc from 'fast-check';
import { AGREEMENT_PURPOSES, agreementStream, isIsoDate, OPTIONAL_FIELDS, RECORD_TYPES, REVOKE_REASONS } from '@border-ledger/exchange-domain';
import { startExchangeTestNode, type ExchangeTestNode } from './testing/exchange-node.test-app';

const AGREEMENT = 'th-kh-fuzz';
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+){0,10}$/;
const valid = {
  agreementId: AGREEMENT,
  parties: [{ agency: 'TH-IMM', country: 'TH' }, { agency: 'KH-GDI', country: 'KH' }],
  purpose: 'border-management',
  records: { 'exchange.crossing.v1': { fields: ['ageBand'] } },
  retentionDays: 90,
  effectiveFrom: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
};

/** Values no field accepts as they are; optional fields also accept null, so they get these without it. */
const junk = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));
const junkNotNull = junk.filter((v) => v !== null && v !== undefined);
const notIn = (values: readonly unknown[]) => junk.filter((v) => !values.includes(v));
const notADay = junkNotNull.filter((v) => !isIsoDate(v));
/** A key, a value or a header that cannot be a revision (digits are left out on purpose). */
const badHeader = fc.string({ minLength: 1 }).filter((s) => !/^[A-Za-z0-9._:-]{8,128}$/.test(s.trim()) && !/\d/.test(s) && /^[\x20-\x7e]*$/.test(s));
/** Path segments: anything, escaped (`.` and `..` would be resolved away by the URL). */
const segment = fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s !== '.' && s !== '..').map(encodeURIComponent);
const b64 = fc.stringMatching(/^[A-Za-z0-9+/]{0,120}={0,2}$/);

/** A change to valid terms that makes them invalid, whatever else changes. */
const badTerms = fc.oneof(
  fc.record({ agreementId: junkNotNull.filter((v) => typeof v !== 'string' || !SLUG.test(v)) }),
  fc.record({ parties: fc.oneof(junk, fc.constant([]), fc.constant([valid.parties[0]]), fc.constant([valid.parties[0], valid.parties[0]]), fc.array(fc.record({ agency: junk, country: junk }), { minLength: 2, maxLength: 2 })) }),
  fc.record({ purpose: notIn(AGREEMENT_PURPOSES) }),
  fc.record({
    records: fc.oneof(
      junkNotNull.filter((v) => typeof v !== 'object' || Array.isArray(v) || Object.keys(v as object).length === 0),
      fc.constant({}),
      fc.dictionary(fc.string().filter((k) => !(RECORD_TYPES as readonly string[]).includes(k) && k !== '__proto__'), fc.constant({ fields: [] }), { minKeys: 1, maxKeys: 2 }),
      fc.record({ 'exchange.crossing.v1': fc.oneof(junk, fc.record({ fields: fc.oneof(junkNotNull.filter((v) => !Array.isArray(v) || v.length > 0), fc.array(fc.string().filter((f) => !(OPTIONAL_FIELDS['exchange.crossing.v1'] as readonly string[]).includes(f)), { minLength: 1, maxLength: 3 })) })) }),
    ),
  }),
  fc.record({ pointsOfEntry: fc.oneof(junkNotNull, fc.constant([]), fc.constant(['TH-NOWHERE']), fc.constant(['LA-VIENTIANE'])) }),
  fc.record({ retentionDays: junkNotNull.filter((v) => !(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 3650)) }),
  fc.record({ effectiveFrom: notADay }),
  fc.record({ effectiveUntil: fc.oneof(notADay, fc.constant('2000-01-01')) }),
  fc.record({ unexpected: junk }),
);

describe('the exchange: fuzz of every endpoint that takes input (4xx, never 5xx; refusals store nothing)', () => {
  let node: ExchangeTestNode;
  let revision: number;

  beforeAll(async () => {
    node = await startExchangeTestNode({ agreementIds: [AGREEMENT] });
    expect((await node.send('POST', '/exchange/agreements', { as: 'administrator', body: valid })).status).toBe(201);
    await node.settle();
    for (let i = 0; i < 3; i += 1) await node.recordCrossing({ traveller: { documentType: 'passport', documentNumber: `F${i}000000` } });
    await node.settle();
    await node.runtime.publisher.tick(true);
    revision = (await node.store.readStream(agreementStream(AGREEMENT))).length - 1;
  });
  afterAll(() => node.close());

  const is4xx = (status: number, what: string): void => {
    if (status < 400 || status >= 500) throw new Error(`${what} answered ${status}`);
  };
  async function nothingStored(run: () => Promise<void>): Promise<void> {
    const head = await node.store.headPosition();
    const leaves = node.logSize(AGREEMENT);
    await run();
    expect(await node.store.headPosition()).toBe(head);
    expect(node.logSize(AGREEMENT)).toBe(leaves);
  }

  it('POST /exchange/agreements: any invalid terms, malformed JSON or bad Idempotency-Key gets 4xx', async () => {
    await nothingStored(async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(badTerms, { minLength: 1, maxLength: 3 }), fc.boolean(), async (patches, fresh) => {
          const body = Object.assign({ ...valid, agreementId: fresh ? 'th-kh-fuzz-new' : AGREEMENT }, ...patches);
          const reply = await node.send('POST', '/exchange/agreements', { as: 'administrator', body });
          is4xx(reply.status, JSON.stringify(body));
        }),
        { numRuns: 250 },
      );
      await fc.assert(
        fc.asyncProperty(badHeader, async (key) => {
          expect((await node.send('POST', '/exchange/agreements', { as: 'administrator', body: { ...valid, agreementId: 'th-kh-fuzz-key' }, headers: { 'idempotency-key': key } })).status).toBe(400);
        }),
        { numRuns: 40 },
      );
      for (const raw of ['{', '[]', '"text"', 'null', '1', '{"agreementId":', '{"records":{"__proto__":{"fields":[]}}}']) {
        is4xx((await node.send('POST', '/exchange/agreements', { as: 'administrator', body: raw })).status, raw);
      }
    });
  });

  it('POST /exchange/agreements/:id/amendments: invalid terms, headers and ids get 4xx', async () => {
    await nothingStored(async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(badTerms, { minLength: 0, maxLength: 2 }),
          fc.option(fc.oneof(badHeader, fc.nat({ max: 50 }).filter((n) => n !== revision).map(String)), { nil: undefined }),
          async (patches, ifMatch) => {
            // Unchanged terms are refused too (an amendment that changes nothing).
            const body = Object.assign({ ...valid }, ...patches);
            const reply = await node.send('POST', `/exchange/agreements/${AGREEMENT}/amendments`, { as: 'administrator', body, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });
            is4xx(reply.status, `${JSON.stringify(body)} If-Match ${ifMatch}`);
          },
        ),
        { numRuns: 200 },
      );
      await fc.assert(
        fc.asyncProperty(segment, async (id) => is4xx((await node.send('POST', `/exchange/agreements/${id}/amendments`, { as: 'administrator', body: { ...valid, retentionDays: 30 } })).status, id)),
        { numRuns: 60 },
      );
    });
  });

  it('POST /exchange/agreements/:id/revoke: invalid reasons, times, headers and ids get 4xx', async () => {
    const future = fc.date({ min: new Date(Date.now() + 3_600_000), max: new Date('9999-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    const body = fc.oneof(
      fc.record({ reason: notIn(REVOKE_REASONS) }, { requiredKeys: [] }),
      fc.record({ reason: notIn(REVOKE_REASONS), revokedAt: junk }),
      fc.record({ reason: fc.constantFrom(...REVOKE_REASONS), revokedAt: fc.oneof(junkNotNull.filter((v) => typeof v !== 'string' || !/^\d/.test(v)), future, fc.constantFrom('2009-W01-1', '2009-123', '20090519', '2009-05-19T14:39:22,5Z')) }),
      fc.record({ reason: fc.constantFrom(...REVOKE_REASONS), extra: junk }),
    );
    await nothingStored(async () => {
      await fc.assert(
        fc.asyncProperty(body, async (b) => is4xx((await node.send('POST', `/exchange/agreements/${AGREEMENT}/revoke`, { as: 'administrator', body: b })).status, JSON.stringify(b))),
        { numRuns: 200 },
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('if-match', 'idempotency-key'), badHeader, async (header, value) => {
          expect((await node.send('POST', `/exchange/agreements/${AGREEMENT}/revoke`, { as: 'administrator', body: { reason: 'superseded' }, headers: { [header]: value } })).status).toBe(400);
        }),
        { numRuns: 40 },
      );
      await fc.assert(
        fc.asyncProperty(segment, async (id) => is4xx((await node.send('POST', `/exchange/agreements/${id}/revoke`, { as: 'administrator', body: { reason: 'superseded' } })).status, id)),
        { numRuns: 60 },
      );
    });
  });

  it('POST /exchange/integrity/witness: anything but a checkpoint of a followed log gets 4xx or unknown-log', async () => {
    const body = fc.oneof(
      fc.record({ body: fc.oneof(junk, b64), signature: fc.oneof(junk, b64), keyId: fc.oneof(junk, fc.stringMatching(/^[0-9a-f]{16}$/)) }, { requiredKeys: [] }),
      fc.record({ body: b64, signature: b64, keyId: fc.stringMatching(/^[0-9a-f]{16}$/) }),
      fc.record({ body: fc.string().map((s) => Buffer.from(`${s}\n${s.length}\nAAAA\n2026-01-01T00:00:00Z\n`).toString('base64')), signature: b64, keyId: fc.stringMatching(/^[0-9a-f]{16}$/) }),
    );
    await nothingStored(() =>
      fc.assert(
        fc.asyncProperty(body, async (b) => {
          const reply = await node.send('POST', '/exchange/integrity/witness', { as: 'cross-border-coordinator', body: b });
          if (reply.status === 200) expect(reply.body).toMatchObject({ status: 'unknown-log' });
          else is4xx(reply.status, JSON.stringify(b));
        }),
        { numRuns: 200 },
      ),
    );
    expect((await node.send('GET', '/exchange/integrity', { as: 'cross-border-coordinator' })).body).toEqual({ feeds: [] });
  });

  it('POST /exchange/referrals/:agreementId/:ref/responses: without a received request, any answer gets 4xx', async () => {
    const body = fc.record(
      { stage: fc.oneof(junk, fc.constantFrom('acknowledged', 'accepted', 'declined', 'closed')), reasonCode: fc.oneof(junk, fc.constant('no-capacity')), at: fc.oneof(junk, fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('2009-W01-1', '2009', '2009-05-19T14:39:22-06')) },
      { requiredKeys: [] },
    );
    const ref = fc.oneof(segment, fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/));
    await nothingStored(() =>
      fc.assert(
        fc.asyncProperty(fc.oneof(segment, fc.constant(AGREEMENT)), ref, body, async (agreementId, referralRef, b) => {
          const reply = await node.send('POST', `/exchange/referrals/${agreementId}/${referralRef}/responses`, { as: 'protection-officer', body: b });
          is4xx(reply.status, `${agreementId}/${referralRef} ${JSON.stringify(b)}`);
        }),
        { numRuns: 200 },
      ),
    );
    // A time without its zone, or one Date cannot read, is refused before the request is looked up.
    for (const at of ['2026', '2026-W47-1', '2026-11-23T10:00:00', '2026-11-23 10:00:00Z']) {
      const reply = await node.send('POST', `/exchange/referrals/${AGREEMENT}/AAAAAAAAAAAAAAAAAAAAAA/responses`, { as: 'protection-officer', body: { stage: 'acknowledged', at } });
      expect(reply.status).toBe(400);
      expect((reply.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['at']);
    }
  });

  it('GET /exchange/records, /flags and /match-alerts: any query answers 200 or 400, never 5xx', async () => {
    const key = fc.constantFrom('corridor', 'pair', 'type', 'side', 'from', 'to', 'limit', 'open', 'extra');
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom('TH-KH', 'KH-TH', 'TH-ARANYAPRATHET~KH-POIPET', 'exchange.crossing.v1', 'outgoing', 'incoming', '0', '1', '500', '501', 'true', 'false'),
      fc.constantFrom('2009-W01-1', '2009-123', '20090519', '2009-05-19T14:39:22-06', '2009-05-19T14:39:22,5Z', '2009-05-19T14.5Z', '2009', '2026-11-23T10:00:00+07:00'),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    );
    await nothingStored(() =>
      fc.assert(
        fc.asyncProperty(fc.constantFrom('/exchange/records', '/exchange/flags', '/exchange/match-alerts'), fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }), async (path, query) => {
          const { status } = await node.send('GET', `${path}?${new URLSearchParams(query).toString()}`, { as: 'cross-border-coordinator' });
          if (![200, 400].includes(status)) throw new Error(`${path}?${new URLSearchParams(query).toString()} answered ${status}`);
        }),
        { numRuns: 300 },
      ),
    );
    // Repeated and nested keys (arrays and objects once parsed).
    for (const query of ['corridor=TH-KH&corridor=KH-TH', 'limit[]=1', 'from[a]=1', 'type=exchange.crossing.v1&type=x', 'open=true&open=false']) {
      for (const path of ['/exchange/records', '/exchange/flags', '/exchange/match-alerts']) {
        const { status } = await node.send('GET', `${path}?${query}`, { as: 'cross-border-coordinator' });
        if (![200, 400].includes(status)) throw new Error(`${path}?${query} answered ${status}`);
      }
    }
  });

  it('GET /exchange/feeds/:id/proofs/*: any query answers 200 or 400, never 5xx (public)', async () => {
    const size = node.logSize(AGREEMENT);
    expect(size).toBe(3);
    const number = fc.oneof(fc.nat({ max: size + 2 }).map(String), fc.string(), fc.constantFrom('-1', '1e1', '0x1', ' 1', '1.0', '99999999999999999999', '9007199254740993'));
    await nothingStored(async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(segment, fc.constant(AGREEMENT)), number, number, fc.boolean(), async (id, a, b, inclusion) => {
          const path = inclusion ? `proofs/inclusion?index=${encodeURIComponent(a)}&treeSize=${encodeURIComponent(b)}` : `proofs/consistency?first=${encodeURIComponent(a)}&second=${encodeURIComponent(b)}`;
          const { status } = await node.send('GET', `/exchange/feeds/${id}/${path}`, { as: null });
          if (![200, 400].includes(status)) throw new Error(`${id}/${path} answered ${status}`);
        }),
        { numRuns: 300 },
      );
      await fc.assert(
        fc.asyncProperty(segment, async (id) => {
          const { status } = await node.send('GET', `/exchange/feeds/${id}/checkpoint`, { as: null });
          if (![200, 400, 404].includes(status)) throw new Error(`${id} answered ${status}`);
        }),
        { numRuns: 60 },
      );
    });
  });
});
