import { randomUUID } from 'node:crypto';
import type { EventEnvelope, WorkItem } from '@border-ledger/event-store';
import { REFERRAL_STEP_RECEIVED, type ReferralStepReceivedData, type ResponseStage } from '@border-ledger/exchange-domain';
import {
  CROSS_BORDER_SHARE_ACCEPTED,
  CROSS_BORDER_SHARE_ACKNOWLEDGED,
  CROSS_BORDER_SHARE_CLOSED,
  CROSS_BORDER_SHARE_DECLINED,
  referralIdFor,
  referralStream,
  type ShareDeclineReason,
} from '@border-ledger/referrals-domain';
import { ReferralCommandHandler, ReferralCommandMessage } from '../referral/referral.command-handler';
import { startReferralsTestNode, type ReferralsTestNode } from '../testing/referrals-node.test-app';
import { waitFor } from '../testing/wait-for';
import { FlagToReferralProcessManager } from './flag-to-referral.process-manager';
import { ReferralWorkHandler } from './referral-work.handler';
import { APPLY_SHARE_STEP, processCommandIds, shareStepWorkId } from './referral-work';
import { ReferralsProcessStore } from './referrals-process.store';

const AGREEMENT = 'th-kh-protection';

describe("partners' answers to a cross-border share, applied to the referral (real SQLite, store feed)", () => {
  let node: ReferralsTestNode;
  afterEach(() => node?.close());

  const officer = () => node.as(['protection-officer']);
  const post = async (path: string, body: unknown) => node.api.request('POST', path, body, await officer());
  const shareEvents = async (referralId: string) =>
    (await node.store.readStream(referralStream(referralId))).filter((e) => e.type.startsWith('referrals.cross-border-share-') && !e.type.includes('requested'));
  /** The work applying a step: its state and last error (undefined until the feed scheduled it). */
  const workOf = (stepEvent: EventEnvelope) =>
    node.api.app.get(ReferralsProcessStore).db.prepare<[string], { state: string; last_error: string | null }>('SELECT state, last_error FROM work_referrals WHERE id = ?').get(shareStepWorkId(stepEvent.eventId));
  const settled = (stepEvent: EventEnvelope) => waitFor(() => workOf(stepEvent)?.state !== undefined && workOf(stepEvent)?.state !== 'pending' && workOf(stepEvent), `the work of ${stepEvent.eventId} settled`);
  const shareOf = async (referralId: string) => (await node.api.app.get(ReferralCommandHandler).load(referralId)).state;

  /** A child's referral (no consent needed) shared with Cambodia over HTTP; returns its id. */
  async function sharedReferral(): Promise<string> {
    const flagId = await node.raiseFlag({ child: true });
    const referralId = referralIdFor(flagId, 'child-protection');
    await waitFor(async () => {
      await node.work.tick(); // when the node runs no work by itself
      return (await node.store.readStream(referralStream(referralId))).length > 0;
    }, 'the referral opened');
    const shared = await post(`/referrals/${referralId}/share`, { toCountry: 'KH' });
    expect(shared.status).toBe(200);
    return referralId;
  }

  /** Appends a step as the exchange records it on this (the requesting) node; returns the event. */
  async function step(referralId: string, stage: ResponseStage, options: { reasonCode?: ShareDeclineReason; at?: string } = {}): Promise<EventEnvelope> {
    const streamId = `xb-steps-${AGREEMENT}-ref-${referralId}`;
    const at = options.at ?? node.clock.now().toISOString();
    const data: ReferralStepReceivedData = {
      agreementId: AGREEMENT, referralRef: `ref-${referralId}`, referralId, stage, ...(options.reasonCode ? { reasonCode: options.reasonCode } : {}), at, fromAgency: 'KH-MOSVY',
    };
    const eventId = randomUUID();
    const revision = await node.store.streamRevision(streamId);
    await node.store.append(
      streamId,
      [{ eventId, type: REFERRAL_STEP_RECEIVED, schemaVersion: 1, data, occurredAt: at, metadata: { agency: 'TH-DSDW', country: 'TH', correlationId: `xb-${referralId}`, causationId: null } }],
      revision ?? 'no-stream',
    );
    return (await node.store.readStream(streamId)).find((e) => e.eventId === eventId) as EventEnvelope;
  }

  it('follows the answers: acknowledged, accepted (handed over, escalation cancelled), closed, each once, in order even when they come at once', async () => {
    node = await startReferralsTestNode();
    const referralId = await sharedReferral();
    await waitFor(() => node.work.counts().pending === 1, 'the escalation timer');

    const acknowledged = await step(referralId, 'acknowledged');
    await waitFor(async () => (await shareEvents(referralId)).length === 1, 'the acknowledgement');
    expect(await shareOf(referralId)).toMatchObject({ status: 'pending', referral: { share: { toCountry: 'KH', status: 'acknowledged', handedOver: false } } });

    // Accepted and closed arrive together: the queue may come to either first.
    const accepted = await step(referralId, 'accepted');
    const closed = await step(referralId, 'closed');
    await waitFor(async () => (await shareEvents(referralId)).length === 3, 'accepted and closed');
    await node.work.tick();
    const events = await shareEvents(referralId);
    expect(events.map((e) => e.type)).toEqual([CROSS_BORDER_SHARE_ACKNOWLEDGED, CROSS_BORDER_SHARE_ACCEPTED, CROSS_BORDER_SHARE_CLOSED]);
    expect(events.map((e) => e.metadata.causationId)).toEqual([acknowledged.eventId, accepted.eventId, closed.eventId]);
    expect(events.map((e) => e.metadata.correlationId)).toEqual(Array(3).fill(`xb-${referralId}`));
    expect(events[1].data).toMatchObject({ referralId, at: (accepted.data as ReferralStepReceivedData).at });
    expect(await shareOf(referralId)).toMatchObject({ status: 'pending', referral: { share: { status: 'closed', handedOver: true } } });
    // The handover cancelled the escalation timer: nothing escalates past the deadline.
    expect(node.work.counts()).toMatchObject({ pending: 0, parked: 0, cancelled: 1, done: 1 + 3 });
    node.clock.advanceMinutes(600);
    await node.work.tick();
    expect((await node.store.readStream(referralStream(referralId))).map((e) => e.type)).not.toContain('referrals.referral-escalated.v1');
    await node.registry.catchUp();
    const view = await node.api.request('GET', `/referrals/${referralId}`, undefined, await node.as(['protection-officer'], 'protection'));
    expect(view.body).toMatchObject({ share: { toCountry: 'KH', status: 'closed', handedOver: true } });
  });

  it("applies the referral's earlier answers first when the work of a later one comes up first", async () => {
    node = await startReferralsTestNode({ runWork: false });
    const referralId = await sharedReferral();
    const answers = [await step(referralId, 'acknowledged'), await step(referralId, 'accepted'), await step(referralId, 'closed')];
    await waitFor(() => node.work.counts().pending === 4, 'the three answers scheduled');
    const handler = node.api.app.get(ReferralWorkHandler);
    const queue = node.api.app.get(ReferralsProcessStore).queue;
    const itemOf = (event: EventEnvelope) => queue.due(node.clock.now()).find((i) => i.id === shareStepWorkId(event.eventId));
    await handler.handle(itemOf(answers[2]) as WorkItem);
    expect((await shareEvents(referralId)).map((e) => e.metadata.causationId)).toEqual(answers.map((a) => a.eventId));
    expect(await node.work.tick()).toBe(3);
    expect(await shareEvents(referralId)).toHaveLength(3);
    expect(node.work.counts()).toMatchObject({ parked: 0, pending: 0 });
  });

  it('applies a decline with its reason, then the close', async () => {
    node = await startReferralsTestNode();
    const referralId = await sharedReferral();
    await step(referralId, 'acknowledged');
    await step(referralId, 'declined', { reasonCode: 'no-capacity' });
    await step(referralId, 'closed');
    await waitFor(async () => (await shareEvents(referralId)).length === 3, 'the three answers');
    const events = await shareEvents(referralId);
    expect(events.map((e) => e.type)).toEqual([CROSS_BORDER_SHARE_ACKNOWLEDGED, CROSS_BORDER_SHARE_DECLINED, CROSS_BORDER_SHARE_CLOSED]);
    expect(events[1].data).toMatchObject({ reason: 'no-capacity' });
    expect(await shareOf(referralId)).toMatchObject({ referral: { share: { status: 'closed', handedOver: false } } });
    expect(node.work.counts().parked).toBe(0);
  });

  it('applies the same step event once, however often it comes (inbox, redelivery past it, the same answer under another event)', async () => {
    node = await startReferralsTestNode();
    const referralId = await sharedReferral();
    const acknowledged = await step(referralId, 'acknowledged');
    await waitFor(async () => (await shareEvents(referralId)).length === 1, 'the acknowledgement');
    const manager = node.api.app.get(FlagToReferralProcessManager);
    expect(manager.inbox.applyBatchOnce([acknowledged], manager.apply)).toBe(0);
    manager.apply(acknowledged);
    await node.work.tick();
    const head = await node.store.headPosition();

    // The exchange recorded the same answer twice: the referral already shows it, nothing is parked.
    await step(referralId, 'acknowledged');
    await waitFor(() => node.work.counts().pending === 1 && node.work.counts().done === 3, 'the second acknowledgement done');
    expect(await shareEvents(referralId)).toHaveLength(1);
    expect(node.work.counts()).toMatchObject({ parked: 0 });
    expect(await node.store.headPosition()).toBe(head + 1);
  });

  it('refuses and parks an answer the referral cannot take (out of order), and goes on with the next ones', async () => {
    node = await startReferralsTestNode();
    const referralId = await sharedReferral();
    const closedTooEarly = await step(referralId, 'closed');
    await waitFor(() => node.work.counts().parked === 1, 'the early close parked');
    expect(await shareEvents(referralId)).toHaveLength(0);
    await step(referralId, 'acknowledged');
    await waitFor(async () => (await shareEvents(referralId)).length === 1, 'the acknowledgement applied after it');
    node.clock.advanceMinutes(60);
    await node.work.tick();
    expect(node.work.counts()).toMatchObject({ parked: 1 });
    expect(workOf(closedTooEarly)).toMatchObject({ state: 'parked', last_error: expect.stringContaining('share-not-answered') });
  });

  it('refuses and parks an `accepted` answer after the referral was revoked while the share was only requested; the referral stays revoked', async () => {
    node = await startReferralsTestNode();
    const referralId = await sharedReferral();
    expect((await post(`/referrals/${referralId}/revoke`, { reason: 'duplicate' })).status).toBe(200);
    const accepted = await step(referralId, 'accepted');
    expect(await settled(accepted)).toMatchObject({ state: 'parked', last_error: expect.stringContaining('referral-revoked') });
    node.clock.advanceMinutes(60);
    await node.work.tick();
    expect(node.work.counts().parked).toBe(1);
    expect(await shareEvents(referralId)).toHaveLength(0);
    expect(await shareOf(referralId)).toMatchObject({ status: 'revoked', referral: { share: { status: 'requested', handedOver: false } } });
  });

  it('refuses and parks an `accepted` answer after the referral was revoked (acknowledged first); the referral stays revoked', async () => {
    node = await startReferralsTestNode();
    const referralId = await sharedReferral();
    await step(referralId, 'acknowledged');
    await waitFor(async () => (await shareEvents(referralId)).length === 1, 'the acknowledgement');
    expect((await post(`/referrals/${referralId}/revoke`, { reason: 'duplicate' })).status).toBe(200);
    const accepted = await step(referralId, 'accepted');
    expect(await settled(accepted)).toMatchObject({ state: 'parked' });
    expect((await shareEvents(referralId)).map((e) => e.type)).toEqual([CROSS_BORDER_SHARE_ACKNOWLEDGED]);
    expect(await shareOf(referralId)).toMatchObject({ status: 'revoked', referral: { share: { handedOver: false } } });
  });

  it('retries an answer from a partner whose clock is ahead, and applies it once its time comes', async () => {
    node = await startReferralsTestNode();
    const referralId = await sharedReferral();
    await step(referralId, 'acknowledged', { at: new Date(node.clock.now().getTime() + 30 * 60_000).toISOString() });
    const queue = node.api.app.get(ReferralsProcessStore).queue;
    await waitFor(() => queue.due(new Date(node.clock.now().getTime() + 24 * 3_600_000)).some((i) => i.kind === APPLY_SHARE_STEP && i.attempts > 0), 'a retry');
    expect(await shareEvents(referralId)).toHaveLength(0);
    expect(node.work.counts().parked).toBe(0);
    node.clock.advanceMinutes(30);
    await node.work.tick();
    expect((await shareEvents(referralId)).map((e) => e.type)).toEqual([CROSS_BORDER_SHARE_ACKNOWLEDGED]);
  });

  it('applies each answer once across a restart, also when the command was sent just before the stop', async () => {
    node = await startReferralsTestNode({ runWork: false });
    const referralId = await sharedReferral();
    const acknowledged = await step(referralId, 'acknowledged');
    await step(referralId, 'accepted');
    await waitFor(() => node.work.counts().pending === 3, 'both answers scheduled (beside the escalation timer)');
    expect(await shareEvents(referralId)).toHaveLength(0);
    // As if the runner had sent the acknowledgement and stopped before marking the work done.
    await node.api.app
      .get(ReferralCommandHandler)
      .execute(new ReferralCommandMessage({ kind: 'AcknowledgeCrossBorderShare', referralId, at: (acknowledged.data as ReferralStepReceivedData).at }, processCommandIds.shareStep(acknowledged.eventId), `xb-${referralId}`, undefined, acknowledged.eventId));
    await node.stop();
    node = await node.restart({ runWork: false });
    expect(await node.work.tick()).toBe(2);
    await node.registry.catchUp();
    expect((await shareEvents(referralId)).map((e) => e.type)).toEqual([CROSS_BORDER_SHARE_ACKNOWLEDGED, CROSS_BORDER_SHARE_ACCEPTED]);
    expect(node.work.counts()).toMatchObject({ pending: 0, parked: 0, cancelled: 1 });
    await node.stop();
    node = await node.restart({ runWork: true });
    await node.work.tick();
    expect(await shareEvents(referralId)).toHaveLength(2);
  });
});
