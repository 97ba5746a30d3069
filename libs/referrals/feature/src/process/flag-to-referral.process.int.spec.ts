import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EventEnvelope } from '@border-ledger/event-store';
import { flagStream } from '@border-ledger/points-of-entry-domain';
import { REFERRAL_ESCALATED, REFERRAL_OPENED, referralIdFor, referralStream } from '@border-ledger/referrals-domain';
import { startReferralsTestNode, type ReferralsTestNode } from '../testing/referrals-node.test-app';
import { waitFor } from '../testing/wait-for';
import { FlagToReferralProcessManager } from './flag-to-referral.process-manager';

const MINUTE = 60_000;

describe('from a trafficking flag to referrals, with escalation timers (real SQLite, store feed)', () => {
  let node: ReferralsTestNode;
  afterEach(() => node?.close());

  const referralEvents = async (type?: string): Promise<EventEnvelope[]> =>
    (await node.store.readAll({ after: 0, limit: 10_000 })).filter((e) => e.type.startsWith('referrals.') && (type === undefined || e.type === type));
  const opened = (flagId: string, service: Parameters<typeof referralIdFor>[1]) =>
    waitFor(async () => (await node.store.readStream(referralStream(referralIdFor(flagId, service))))[0], `${service} referral of ${flagId}`);
  const pendingTimers = () => waitFor(() => node.work.counts().pending > 0 && node.work.counts().pending, 'a pending timer');

  it('refers a child to child protection, urgently, and escalates exactly once when not accepted within the limit', async () => {
    node = await startReferralsTestNode();
    const flagId = await node.raiseFlag({ child: true });
    const [flagEvent] = await node.store.readStream(flagStream(flagId));
    const event = await opened(flagId, 'child-protection');
    expect(event.type).toBe(REFERRAL_OPENED);
    expect(event.data).toMatchObject({ flagId, service: 'child-protection', childProtection: true, urgent: true, pointOfEntry: 'TH-MAESOT', openedAt: flagEvent.recordedAt });
    expect(Date.parse((event.data as { acceptanceDeadline: string }).acceptanceDeadline)).toBe(Date.parse(flagEvent.recordedAt) + 120 * MINUTE);
    expect(await referralEvents(REFERRAL_OPENED)).toHaveLength(1);

    await pendingTimers();
    node.clock.advanceMinutes(119);
    await node.work.tick();
    expect(await referralEvents(REFERRAL_ESCALATED)).toHaveLength(0);
    node.clock.advanceMinutes(2);
    await node.work.tick();
    await waitFor(async () => (await referralEvents(REFERRAL_ESCALATED)).length === 1, 'the escalation');
    node.clock.advanceMinutes(60);
    await node.work.tick();
    await node.registry.catchUp();
    expect(await referralEvents(REFERRAL_ESCALATED)).toHaveLength(1);
    expect(node.work.counts()).toMatchObject({ pending: 0, parked: 0 });
  });

  it('does not escalate a referral accepted in time', async () => {
    node = await startReferralsTestNode();
    const flagId = await node.raiseFlag({ child: true });
    const referralId = referralIdFor(flagId, 'child-protection');
    await opened(flagId, 'child-protection');
    await pendingTimers();
    node.clock.advanceMinutes(30);
    const accepted = await node.api.request('POST', `/referrals/${referralId}/accept`, {}, await node.as(['protection-officer']));
    expect(accepted.status).toBe(200);
    await waitFor(() => node.work.counts().cancelled === 1, 'the timer cancelled');
    node.clock.advanceMinutes(600);
    await node.work.tick();
    expect(await referralEvents(REFERRAL_ESCALATED)).toHaveLength(0);
  });

  it('opens one referral per service for the same flag event applied twice (redelivery, with or without the inbox)', async () => {
    node = await startReferralsTestNode();
    const flagId = await node.raiseFlag({ severity: 'high' });
    for (const service of ['shelter', 'psychosocial', 'legal-aid'] as const) await opened(flagId, service);
    const [flagEvent] = await node.store.readStream(flagStream(flagId));
    const manager = node.api.app.get(FlagToReferralProcessManager);
    expect(manager.inbox.applyBatchOnce([flagEvent], manager.apply)).toBe(0);
    manager.apply(flagEvent);
    await node.work.tick();
    const head = await node.store.headPosition();
    expect((await referralEvents(REFERRAL_OPENED)).map((e) => (e.data as { service: string }).service).sort()).toEqual(['legal-aid', 'psychosocial', 'shelter']);
    expect(await node.store.headPosition()).toBe(head);
  });

  it('opens exactly one referral when the app stopped after seeing the flag but before the work ran', async () => {
    node = await startReferralsTestNode({ runWork: false });
    const flagId = await node.raiseFlag({ child: true });
    await waitFor(() => node.work.counts().pending === 1, 'the open work scheduled');
    expect(await referralEvents()).toHaveLength(0);
    await node.stop();
    node = await node.restart({ runWork: true });
    await opened(flagId, 'child-protection');
    await node.work.tick();
    expect(await referralEvents(REFERRAL_OPENED)).toHaveLength(1);
  });

  it('keeps an escalation timer across a restart', async () => {
    node = await startReferralsTestNode();
    const flagId = await node.raiseFlag({ child: true });
    await opened(flagId, 'child-protection');
    await pendingTimers();
    await node.stop();
    node.clock.advanceMinutes(121);
    node = await node.restart({ runWork: false });
    expect(node.work.counts().pending).toBe(1);
    expect(await node.work.tick()).toBe(1);
    expect(await referralEvents(REFERRAL_ESCALATED)).toHaveLength(1);
  });

  it("does not escalate an adult's referral while it waits for consent, and escalates it once consent comes after the deadline", async () => {
    node = await startReferralsTestNode();
    const flagId = await node.raiseFlag({ severity: 'medium' });
    const referralId = referralIdFor(flagId, 'legal-aid');
    await opened(flagId, 'legal-aid');
    await opened(flagId, 'psychosocial');
    await waitFor(() => node.work.counts().pending === 2, 'both timers');
    node.clock.advanceMinutes(48 * 60 + 1);
    await node.work.tick();
    expect(node.work.counts()).toMatchObject({ pending: 0, parked: 0 });
    expect(await referralEvents(REFERRAL_ESCALATED)).toHaveLength(0);
    const consent = await node.api.request('POST', `/referrals/${referralId}/consent`, { decision: 'given' }, await node.as(['protection-officer']));
    expect(consent.status).toBe(200);
    await waitFor(async () => (await referralEvents(REFERRAL_ESCALATED)).length === 1, 'the escalation after consent');
    expect((await referralEvents(REFERRAL_ESCALATED))[0].data).toMatchObject({ referralId });
  });

  it('revokes the referrals of a withdrawn flag', async () => {
    node = await startReferralsTestNode();
    const flagId = await node.raiseFlag({ severity: 'medium' });
    await opened(flagId, 'legal-aid');
    await opened(flagId, 'psychosocial');
    await node.withdrawFlag(flagId);
    await waitFor(async () => (await referralEvents('referrals.referral-revoked.v1')).length === 2, 'both referrals revoked');
    expect((await referralEvents('referrals.referral-revoked.v1')).map((e) => e.data)).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'flag-withdrawn' })]));
  });

  it('changes no projection and stores nothing when every event is replayed from zero (process and read models deleted)', async () => {
    node = await startReferralsTestNode();
    const child = await node.raiseFlag({ child: true });
    const adult = await node.raiseFlag({ severity: 'critical', pointOfEntry: 'TH-ARANYAPRATHET' });
    const withdrawn = await node.raiseFlag({ severity: 'medium' });
    await opened(child, 'child-protection');
    for (const service of ['shelter', 'medical', 'psychosocial', 'legal-aid'] as const) await opened(adult, service);
    await opened(withdrawn, 'legal-aid');
    await node.withdrawFlag(withdrawn);
    const officer = await node.as(['protection-officer']);
    expect((await node.api.request('POST', `/referrals/${referralIdFor(adult, 'shelter')}/accept`, {}, officer)).status).toBe(200);
    node.clock.advanceMinutes(121);
    await node.work.tick();
    // Child protection and medical escalate; shelter was accepted; psychosocial and legal aid wait for consent.
    await waitFor(async () => (await referralEvents(REFERRAL_ESCALATED)).length === 2 && (await referralEvents('referrals.referral-revoked.v1')).length === 2, 'escalations and revocations');
    expect((await referralEvents(REFERRAL_ESCALATED)).map((e) => (e.data as { referralId: string }).referralId).sort()).toEqual(
      [referralIdFor(adult, 'medical'), referralIdFor(child, 'child-protection')].sort(),
    );
    await node.registry.catchUp();
    const rows = () => node.readModel.prepare('SELECT * FROM referrals_list ORDER BY referral_id').all();
    const before = rows();
    const head = await node.store.headPosition();
    expect(before).toHaveLength(7);

    await node.stop();
    for (const file of ['referrals-process.sqlite', 'read-models.sqlite']) for (const suffix of ['', '-wal', '-shm']) rmSync(join(node.folder, file + suffix), { force: true });
    node = await node.restart();
    // Three flags' open work and one revocation, replayed: each answered from the store.
    await waitFor(() => node.work.counts().done >= 4, 'the replayed work run');
    await node.work.tick();
    expect(node.work.counts()).toMatchObject({ pending: 0, parked: 0 });
    await node.registry.catchUp();
    expect(await node.store.headPosition()).toBe(head);
    expect(rows()).toEqual(before);
    expect(await referralEvents(REFERRAL_OPENED)).toHaveLength(7);
  });
});
