import fc from 'fast-check';
import { referralIdFor } from '@border-ledger/referrals-domain';
import { startReferralsTestNode, type ReferralsTestNode } from '../testing/referrals-node.test-app';
import { waitFor } from '../testing/wait-for';

/** Values no field accepts (`at` is optional but not nullable, so null is junk too). */
const junk = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
/** Header values that are not a valid idempotency key or revision (fetch trims them). */
const badHeader = fc.string({ minLength: 1 }).filter((s) => !/^[A-Za-z0-9._:-]{8,128}$/.test(s.trim()) && !/\d/.test(s));
const badTime = fc.oneof(junk, fc.constant('2026-11-23T15:40:00'), fc.constant('yesterday'));

describe('referrals: fuzz of every endpoint', () => {
  let node: ReferralsTestNode;
  let headers: Record<string, string>;
  let flagId: string;
  let referralId: string;

  beforeAll(async () => {
    node = await startReferralsTestNode();
    headers = await node.as(['protection-officer'], 'protection');
    flagId = await node.raiseFlag({ severity: 'medium' });
    referralId = referralIdFor(flagId, 'legal-aid');
    await waitFor(async () => (await node.api.request('GET', `/referrals/${referralId}`, undefined, headers)).status === 200, 'the referral');
  });
  afterAll(() => node.close());

  const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => node.api.request(method, path, body, { ...headers, ...extra });
  const is4xx = (status: number): void => {
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  };
  async function expectNothingStored(run: () => Promise<void>): Promise<void> {
    const head = await node.store.headPosition();
    await run();
    expect(await node.store.headPosition()).toBe(head);
  }

  it('POST /referrals/:id/<act>: any invalid field, unknown field or malformed JSON gets 4xx', async () => {
    const edit = fc.oneof(
      fc.record({ path: fc.constantFrom('accept', 'services-delivered'), body: fc.oneof(fc.record({ at: badTime }), fc.record({ extra: junk })) }),
      fc.record({ path: fc.constant('decline'), body: fc.oneof(fc.record({ reason: junk }), fc.record({ reason: fc.constant('no-capacity'), at: badTime })) }),
      fc.record({ path: fc.constant('close'), body: fc.oneof(fc.record({ outcome: junk }), fc.record({ outcome: fc.constant('not-succeeded'), reason: junk }), fc.record({ outcome: fc.constant('succeeded'), reason: fc.constant('person-lost-contact') })) }),
      fc.record({ path: fc.constant('revoke'), body: fc.oneof(fc.record({ reason: junk }), fc.record({ reason: fc.constant('flag-withdrawn'), extra: junk })) }),
      fc.record({ path: fc.constant('consent'), body: fc.oneof(fc.record({ decision: junk }), fc.record({ decision: fc.constant('given'), at: badTime })) }),
      fc.record({ path: fc.constant('share'), body: fc.oneof(fc.record({ toCountry: junk }), fc.constant({ toCountry: 'FR' }), fc.record({ toCountry: fc.constant('KH'), at: badTime })) }),
    );
    await expectNothingStored(async () => {
      await fc.assert(fc.asyncProperty(edit, async ({ path, body }) => is4xx((await send('POST', `/referrals/${referralId}/${path}`, body)).status)), { numRuns: 200 });
      for (const raw of ['{', '[]', '"text"', 'null', '{"reason":']) is4xx((await send('POST', `/referrals/${referralId}/decline`, raw)).status);
    });
  });

  it('POST /referrals: invalid bodies get 4xx', async () => {
    const body = fc.oneof(
      fc.record({ flagId: junk, service: fc.constant('shelter') }),
      fc.record({ flagId: fc.constant(flagId), service: junk }),
      fc.record({ flagId: fc.constant(flagId), service: fc.constant('shelter'), extra: junk }),
    );
    await expectNothingStored(() => fc.assert(fc.asyncProperty(body, async (b) => is4xx((await send('POST', '/referrals', b)).status)), { numRuns: 100 }));
  });

  it('bad Idempotency-Key or If-Match headers get 400 even with a valid body', async () => {
    await expectNothingStored(() =>
      fc.assert(
        fc.asyncProperty(fc.constantFrom('if-match', 'idempotency-key'), badHeader, async (header, value) => {
          expect((await send('POST', `/referrals/${referralId}/consent`, { decision: 'given' }, { [header]: value })).status).toBe(400);
        }),
        { numRuns: 60 },
      ),
    );
  });

  it('any referral id that is not <flag id>.<service> gets 400 or 404 on every route', async () => {
    const id = fc.oneof(fc.string({ minLength: 1 }), fc.constant(`${flagId}.passport`), fc.constant(`${flagId.toUpperCase()}.legal-aid`), fc.uuid().map((u) => `${u}.shelter`));
    const route = fc.constantFrom(['GET', ''], ['POST', '/accept'], ['POST', '/revoke']);
    await expectNothingStored(() =>
      fc.assert(
        fc.asyncProperty(id.filter((s) => !['.', '..', 'counts'].includes(s)), route, async (value, [method, suffix]) => {
          const body = suffix === '/revoke' ? { reason: 'duplicate' } : method === 'POST' ? {} : undefined;
          expect([400, 404]).toContain((await send(method, `/referrals/${encodeURIComponent(value)}${suffix}`, body)).status);
        }),
        { numRuns: 120 },
      ),
    );
  });

  it('GET /referrals: any query answers 200 or 400, never 5xx', async () => {
    const key = fc.constantFrom('status', 'urgent', 'overdue', 'service', 'pointOfEntry', 'limit', 'offset', 'extra');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, fc.string(), { minKeys: 1 }), async (query) => {
        expect([200, 400]).toContain((await send('GET', `/referrals?${new URLSearchParams(query).toString()}`)).status);
      }),
      { numRuns: 120 },
    );
  });
});
