import { executeCommand, type Clock, type EventStore, type NodeIdentity, type SqliteDatabase, type SqliteWorkQueue } from '@border-ledger/event-store';
import {
  decideReferralResponse,
  evolveIncomingReferral,
  incomingReferralStream,
  REFERRAL_RECORD,
  REFERRAL_STEP_RECEIVED,
  type IncomingReferralState,
  type ReferralResponseEvent,
  type ReferralStepReceivedData,
  type RespondToReferral,
  type SharedRecord,
} from '@border-ledger/exchange-domain';
import type { SharedRecordsStore } from '../shared-records/shared-records.store';
import type { RecordReceivedData } from '../incoming/incoming-decoder';

/** One cross-border referral as both sides' records tell it, latest stage last. */
export interface CrossBorderReferralView {
  readonly agreementId: string;
  readonly referralRef: string;
  /** `outgoing`: we asked; `incoming`: a partner asked us. */
  readonly direction: 'outgoing' | 'incoming';
  readonly stage: string;
  readonly stages: readonly { readonly stage: string; readonly at: string; readonly by: string }[];
  readonly request: SharedRecord | undefined;
}

export const REFERRAL_STEP_WORK = 'referral-step';

/**
 * Cross-border referrals through the exchange: the receiving agency answers a partner's request
 * (acknowledge → accept or decline → close, each an event shared back), and the requesting agency
 * turns each answer it receives into a step its referrals context applies to the referral.
 */
export class CrossBorderReferrals {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly records: SharedRecordsStore,
    private readonly queue: SqliteWorkQueue,
    private readonly store: EventStore,
    private readonly node: NodeIdentity,
    private readonly clock: Clock,
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS xb_referral_refs (agreement_id TEXT NOT NULL, referral_ref TEXT NOT NULL, referral_id TEXT NOT NULL, PRIMARY KEY (agreement_id, referral_ref))');
  }

  /** Remembers which of our referrals a ref we sent stands for (answers come back by ref). */
  remember(agreementId: string, referralRef: string, referralId: string): void {
    this.db.prepare('INSERT INTO xb_referral_refs VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(agreementId, referralRef, referralId);
  }

  /** A partner's record arrived: an answer to one of our requests becomes a step to apply. */
  received(data: RecordReceivedData): void {
    const { record } = data;
    if (record.recordType !== REFERRAL_RECORD || record.payload.stage === 'requested' || record.payload.toAgency !== this.node.agency) return;
    const row = this.db
      .prepare<[string, string], { referral_id: string }>('SELECT referral_id FROM xb_referral_refs WHERE agreement_id = ? AND referral_ref = ?')
      .get(record.agreementId, record.payload.referralRef);
    if (!row) return;
    const step: ReferralStepReceivedData = {
      agreementId: record.agreementId,
      referralRef: record.payload.referralRef,
      referralId: row.referral_id,
      stage: record.payload.stage,
      ...(record.payload.reasonCode ? { reasonCode: record.payload.reasonCode as ReferralStepReceivedData['reasonCode'] } : {}),
      at: record.payload.at,
      fromAgency: record.senderAgency,
    };
    this.queue.schedule({ id: `${REFERRAL_STEP_WORK}:${data.logId}:${record.leafIndex}`, kind: REFERRAL_STEP_WORK, payload: step, dueAt: this.clock().toISOString() });
  }

  /** Records a received step in the log, once per answer (the referrals context follows it). */
  async recordStep(step: ReferralStepReceivedData, workId: string): Promise<void> {
    await executeCommand<null, { type: typeof REFERRAL_STEP_RECEIVED; data: ReferralStepReceivedData }>(this.store, {
      streamId: `xb-steps-${step.agreementId}-${step.referralRef}`,
      initialState: null,
      evolve: () => null,
      decide: () => [{ type: REFERRAL_STEP_RECEIVED, data: step }],
      commandId: workId,
      occurredAt: step.at,
      metadata: { ...this.node, correlationId: workId, causationId: workId },
    });
  }

  /** The receiving agency's answer to a partner's request. */
  async respond(agreementId: string, referralRef: string, command: RespondToReferral, correlationId: string, commandId: string) {
    const request = this.records.referralRequest(agreementId, referralRef);
    const initial: IncomingReferralState =
      request && request.recordType === REFERRAL_RECORD
        ? { status: 'requested', agreementId, referralRef, requestingAgency: request.senderAgency, services: request.payload.services }
        : { status: 'none' };
    return executeCommand<IncomingReferralState, ReferralResponseEvent>(this.store, {
      streamId: incomingReferralStream(agreementId, referralRef),
      initialState: initial,
      evolve: evolveIncomingReferral,
      decide: (state) => decideReferralResponse(command, state),
      commandId,
      occurredAt: command.at,
      metadata: { ...this.node, correlationId, causationId: commandId },
    });
  }

  list(): CrossBorderReferralView[] {
    const byRef = new Map<string, SharedRecord[]>();
    for (const { record } of this.records.list({ recordType: REFERRAL_RECORD, limit: 10_000 })) {
      if (record.recordType !== REFERRAL_RECORD) continue;
      const key = `${record.agreementId}/${record.payload.referralRef}`;
      byRef.set(key, [...(byRef.get(key) ?? []), record]);
    }
    return [...byRef.values()].map((records) => {
      const stages = records.flatMap((r) => (r.recordType === REFERRAL_RECORD ? [{ stage: r.payload.stage, at: r.payload.at, by: r.senderAgency }] : []));
      const request = records.find((r) => r.recordType === REFERRAL_RECORD && r.payload.stage === 'requested');
      const first = records[0];
      return {
        agreementId: first.agreementId,
        referralRef: first.recordType === REFERRAL_RECORD ? first.payload.referralRef : '',
        direction: request && request.senderAgency !== this.node.agency ? 'incoming' : 'outgoing',
        stage: stages[stages.length - 1]?.stage ?? '',
        stages,
        request,
      };
    });
  }
}
