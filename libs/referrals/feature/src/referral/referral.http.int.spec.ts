import { referralIdFor, type Service } from '@border-ledger/referrals-domain';
import { ROLES } from '@border-ledger/security';
import { startReferralsTestNode, type ReferralsTestNode } from '../testing/referrals-node.test-app';
import { waitFor } from '../testing/wait-for';

const PURPOSE = 'protection';

describe('referrals over HTTP (protection officers only)', () => {
  let node: ReferralsTestNode;
  let officer: Record<string, string>;
  let reader: Record<string, string>;

  beforeAll(async () => {
    node = await startReferralsTestNode();
    officer = await node.as(['protection-officer']);
    reader = await node.as(['protection-officer'], PURPOSE);
  });
  afterAll(() => node.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => node.api.request('POST', path, body, { ...officer, ...headers });
  const read = (referralId: string) => node.api.request('GET', `/referrals/${referralId}`, undefined, reader);
  async function referralOf(flag: Parameters<ReferralsTestNode['raiseFlag']>[0], service: Service): Promise<string> {
    const flagId = await node.raiseFlag(flag);
    const referralId = referralIdFor(flagId, service);
    await waitFor(async () => (await read(referralId)).status === 200, `referral ${referralId}`);
    return referralId;
  }

  it('takes a child protection referral through accept, services delivered and a successful close, with ETag and If-Match', async () => {
    const id = await referralOf({ child: true }, 'child-protection');
    const first = await read(id);
    expect(first.body).toMatchObject({ referralId: id, service: 'child-protection', status: 'pending', urgent: true, consent: 'not-applicable', overdue: false, revision: 0 });
    expect(first.headers.get('etag')).toBe('"0"');
    expect((await post(`/referrals/${id}/services-delivered`, {})).body).toMatchObject({ rule: 'referral-not-accepted' });
    const accepted = await post(`/referrals/${id}/accept`, {}, { 'if-match': '0', 'idempotency-key': 'accept-child-0001' });
    expect(accepted).toMatchObject({ status: 200, body: { referralId: id, status: 'accepted', revision: 1, replayed: false } });
    expect((await post(`/referrals/${id}/accept`, {}, { 'if-match': '0', 'idempotency-key': 'accept-child-0001' })).body).toMatchObject({ revision: 1, replayed: true });
    expect((await post(`/referrals/${id}/decline`, { reason: 'no-capacity' }, { 'if-match': '0' })).status).toBe(409);
    expect((await post(`/referrals/${id}/close`, { outcome: 'succeeded' })).body).toMatchObject({ rule: 'services-not-delivered' });
    expect((await post(`/referrals/${id}/services-delivered`, { at: new Date(node.clock.now().getTime() - 60_000).toISOString() })).status).toBe(200);
    expect((await post(`/referrals/${id}/close`, { outcome: 'succeeded', reason: 'person-lost-contact' })).status).toBe(400);
    expect((await post(`/referrals/${id}/close`, { outcome: 'succeeded' })).body).toMatchObject({ status: 'closed', revision: 3 });
    expect((await read(id)).body).toMatchObject({ status: 'closed', outcome: { kind: 'succeeded' }, servicesDeliveredAt: expect.any(String) });
    expect((await post(`/referrals/${id}/consent`, { decision: 'given' })).body).toMatchObject({ rule: 'referral-finished' });
  });

  it('declines with a reason and closes as not succeeded; revokes a pending referral', async () => {
    const id = await referralOf({ severity: 'high' }, 'shelter');
    expect((await post(`/referrals/${id}/decline`, { reason: 'outside-area' })).body).toMatchObject({ status: 'declined' });
    expect((await post(`/referrals/${id}/close`, { outcome: 'not-succeeded' })).status).toBe(400);
    expect((await post(`/referrals/${id}/close`, { outcome: 'not-succeeded', reason: 'service-unavailable' })).body).toMatchObject({ status: 'closed' });
    expect((await read(id)).body).toMatchObject({ outcome: { kind: 'not-succeeded', reason: 'service-unavailable' } });
    const other = await referralOf({ severity: 'high' }, 'shelter');
    expect((await post(`/referrals/${other}/revoke`, { reason: 'duplicate' })).body).toMatchObject({ status: 'revoked' });
    expect((await post(`/referrals/${other}/accept`, {})).body).toMatchObject({ rule: 'referral-not-pending' });
  });

  it("asks an adult's consent before legal aid goes further, and stops sharing once it is withdrawn", async () => {
    const id = await referralOf({ severity: 'medium' }, 'legal-aid');
    expect((await read(id)).body).toMatchObject({ consent: 'not-given', urgent: false });
    expect(await post(`/referrals/${id}/accept`, {})).toMatchObject({ status: 422, body: { rule: 'consent-required' } });
    expect((await post(`/referrals/${id}/share`, { toCountry: 'MM' })).body).toMatchObject({ rule: 'consent-required' });
    expect((await post(`/referrals/${id}/consent`, { decision: 'given' })).body).toMatchObject({ status: 'pending' });
    expect((await post(`/referrals/${id}/accept`, {})).body).toMatchObject({ status: 'accepted' });
    expect((await post(`/referrals/${id}/consent`, { decision: 'withdrawn' })).status).toBe(200);
    expect((await post(`/referrals/${id}/share`, { toCountry: 'MM' })).body).toMatchObject({ rule: 'consent-withdrawn' });
    expect((await read(id)).body).toMatchObject({ consent: 'withdrawn', share: null });

    const shared = await referralOf({ severity: 'medium' }, 'psychosocial');
    expect((await post(`/referrals/${shared}/consent`, { decision: 'given' })).status).toBe(200);
    expect((await post(`/referrals/${shared}/share`, { toCountry: 'TH' })).body).toMatchObject({ rule: 'share-to-own-country' });
    expect((await post(`/referrals/${shared}/share`, { toCountry: 'KH' })).status).toBe(200);
    expect((await read(shared)).body).toMatchObject({ share: { toCountry: 'KH', status: 'requested', handedOver: false } });
  });

  it('lets a protection officer refer a flag to one more service, once; a child only to child protection', async () => {
    const flagId = await node.raiseFlag({ severity: 'low' });
    const referralId = referralIdFor(flagId, 'legal-aid');
    const opened = await waitFor(async () => {
      const reply = await post('/referrals', { flagId, service: 'legal-aid' });
      return reply.status === 201 && reply;
    }, 'the flag known to referrals');
    expect(opened.body).toMatchObject({ referralId, status: 'pending', revision: 0 });
    expect(opened.headers.get('location')).toBe(`/referrals/${referralId}`);
    expect((await post('/referrals', { flagId, service: 'legal-aid' })).body).toMatchObject({ replayed: true });
    const child = await node.raiseFlag({ child: true });
    await waitFor(async () => (await read(referralIdFor(child, 'child-protection'))).status === 200, 'the child referral');
    expect((await post('/referrals', { flagId: child, service: 'shelter' })).body).toMatchObject({ rule: 'child-referred-to-child-protection' });
    expect((await post('/referrals', { flagId: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6', service: 'shelter' })).status).toBe(404);
  });

  it('lists with filters and counts overdue and escalated referrals', async () => {
    const id = await referralOf({ child: true, pointOfEntry: 'TH-ARANYAPRATHET' }, 'child-protection');
    await waitFor(() => node.work.counts().pending > 0, 'its timer');
    node.clock.advanceMinutes(121);
    await node.work.tick();
    await waitFor(async () => (await read(id)).body && ((await read(id)).body as { escalatedAt: string | null }).escalatedAt !== null, 'the escalation');
    await node.registry.catchUp();
    const list = await node.api.request('GET', '/referrals?overdue=true&urgent=true&pointOfEntry=TH-ARANYAPRATHET', undefined, officer);
    expect(list.status).toBe(200);
    expect((list.body as { items: Array<{ referralId: string; escalatedAt: string | null }> }).items).toEqual([expect.objectContaining({ referralId: id, escalatedAt: expect.any(String) })]);
    const coordinator = await node.as(['cross-border-coordinator']);
    const counts = await node.api.request('GET', '/referrals/counts', undefined, coordinator);
    expect(counts).toMatchObject({ status: 200, body: { overdue: expect.any(Number), escalated: expect.any(Number), byStatus: expect.any(Object) } });
    expect((counts.body as { escalated: number }).escalated).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(counts.body)).not.toContain(id);
  });

  it('refuses every referral endpoint to every other role with 403', async () => {
    const id = await referralOf({ child: true }, 'child-protection');
    const requests: Array<[string, string, unknown]> = [
      ['GET', '/referrals', undefined], ['GET', `/referrals/${id}`, undefined], ['POST', '/referrals', { flagId: id.split('.')[0], service: 'shelter' }],
      ['POST', `/referrals/${id}/accept`, {}], ['POST', `/referrals/${id}/decline`, { reason: 'no-capacity' }],
      ['POST', `/referrals/${id}/services-delivered`, {}], ['POST', `/referrals/${id}/close`, { outcome: 'succeeded' }],
      ['POST', `/referrals/${id}/revoke`, { reason: 'duplicate' }], ['POST', `/referrals/${id}/consent`, { decision: 'given' }],
      ['POST', `/referrals/${id}/share`, { toCountry: 'KH' }],
    ];
    const head = await node.store.headPosition();
    for (const role of ROLES.filter((r) => r !== 'protection-officer')) {
      const headers = await node.as([role], PURPOSE);
      for (const [method, path, body] of requests) expect({ role, method, path, status: (await node.api.request(method, path, body, headers)).status }).toEqual({ role, method, path, status: 403 });
      const counts = (await node.api.request('GET', '/referrals/counts', undefined, headers)).status;
      expect({ role, counts }).toEqual({ role, counts: role === 'cross-border-coordinator' ? 200 : 403 });
    }
    expect((await node.api.request('GET', `/referrals/${id}`, undefined, officer)).status).toBe(400); // no purpose stated
    expect((await node.api.request('GET', '/referrals')).status).toBe(401);
    expect(await node.store.headPosition()).toBe(head);
  });

  it('rebuilds the referrals read model equal to the live one', async () => {
    await node.registry.catchUp();
    const rows = () => node.readModel.prepare('SELECT * FROM referrals_list ORDER BY referral_id').all();
    const live = rows();
    expect(live.length).toBeGreaterThan(5);
    await node.registry.rebuild('referrals.list');
    await node.registry.catchUp();
    expect(rows()).toEqual(live);
  });
});
