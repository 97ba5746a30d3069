import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, type EventEnvelope, type SqliteDatabase, type SqliteInbox } from '@border-ledger/event-store';
import { REFERRAL_STEP_RECEIVED, type ReferralStepReceivedData } from '@border-ledger/exchange-domain';
import type { FeedTarget } from '@border-ledger/kafka/nest';
import {
  assertNever,
  FLAG_EVENT_TYPES,
  TRAFFICKING_FLAG_CLOSED,
  TRAFFICKING_FLAG_INDICATORS_ADDED,
  TRAFFICKING_FLAG_RAISED,
  TRAFFICKING_FLAG_WITHDRAWN,
  type FlagEvent,
} from '@border-ledger/points-of-entry-domain';
import { referralDecisionForFlag } from '@border-ledger/referrals-domain';
import {
  APPLY_SHARE_STEP,
  OPEN_REFERRALS,
  openReferralsWorkId,
  REVOKE_REFERRALS,
  revokeReferralsWorkId,
  shareStepWorkId,
  type OpenReferralsPayload,
  type RevokeReferralsPayload,
  type ShareStepPayload,
} from './referral-work';
import { ReferralsProcessStore } from './referrals-process.store';
import { ReferralsWorkRunner } from './referrals-work.runner';

const isFlagEvent = (type: string): type is FlagEvent['type'] => (FLAG_EVENT_TYPES as readonly string[]).includes(type);

/**
 * The process manager from trafficking flags to referrals, as a feed target: each flag event is
 * applied once (inbox), in one transaction with the work it schedules; the runner then sends the
 * commands. A child is referred to child protection, urgently (see `referralDecisionForFlag`).
 *
 * It also follows the answers partners send back to cross-border shares (the exchange's
 * `cross-border-referral-step-received` events, on the same feed): each is remembered, in its
 * place among the referral's answers, and scheduled to be applied to the referral.
 */
@Injectable()
export class FlagToReferralProcessManager implements FeedTarget {
  readonly db: SqliteDatabase;
  readonly inbox: SqliteInbox;

  constructor(
    private readonly process: ReferralsProcessStore,
    private readonly runner: ReferralsWorkRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.db = process.db;
    this.inbox = process.flagInbox;
  }

  readonly apply = (event: EventEnvelope): void => {
    if (event.type === REFERRAL_STEP_RECEIVED) return this.shareStep(event as EventEnvelope<typeof REFERRAL_STEP_RECEIVED, ReferralStepReceivedData>);
    if (!isFlagEvent(event.type)) return;
    const flagEvent = { type: event.type, data: event.data } as FlagEvent;
    this.remember(flagEvent);
    const decision = referralDecisionForFlag(flagEvent);
    const common = { causationId: event.eventId, correlationId: event.metadata.correlationId };
    switch (decision.kind) {
      case 'none':
        return;
      case 'open': {
        const flagId = decision.referrals[0].flagId;
        const flag = this.process.flag(flagId);
        // Amended before we saw it raised (a feed that starts mid-topic): nothing to open it at.
        if (!flag) return;
        const [first] = decision.referrals;
        const payload: OpenReferralsPayload = {
          ...common, flagId, pointOfEntry: flag.pointOfEntry, severity: first.severity, childProtection: first.childProtection,
          openedAt: event.recordedAt, referrals: decision.referrals.map(({ referralId, service }) => ({ referralId, service })),
        };
        this.process.queue.schedule({ id: openReferralsWorkId(flagId, event.revision), kind: OPEN_REFERRALS, payload, dueAt: this.clock().toISOString() });
        return;
      }
      case 'revoke-all': {
        const payload: RevokeReferralsPayload = { ...common, flagId: decision.flagId, revokedAt: event.recordedAt };
        this.process.queue.schedule({ id: revokeReferralsWorkId(decision.flagId), kind: REVOKE_REFERRALS, payload, dueAt: this.clock().toISOString() });
        return;
      }
      default:
        return assertNever(decision);
    }
  };

  onApplied(): void {
    this.runner.wake();
  }

  private shareStep(event: EventEnvelope<typeof REFERRAL_STEP_RECEIVED, ReferralStepReceivedData>): void {
    const { referralId, stage, reasonCode, at, agreementId, fromAgency } = event.data;
    const step: ShareStepPayload = {
      eventId: event.eventId, referralId, stage, ...(reasonCode === undefined ? {} : { reasonCode }), at, agreementId, fromAgency,
      revision: event.revision, correlationId: event.metadata.correlationId,
    };
    this.process.rememberShareStep(step);
    this.process.queue.schedule({ id: shareStepWorkId(event.eventId), kind: APPLY_SHARE_STEP, payload: step, dueAt: this.clock().toISOString() });
  }

  private remember(event: FlagEvent): void {
    switch (event.type) {
      case TRAFFICKING_FLAG_RAISED: {
        const { flagId, pointOfEntry, severity, childProtection } = event.data;
        return this.process.rememberFlag({ flagId, pointOfEntry, severity, childProtection });
      }
      case TRAFFICKING_FLAG_INDICATORS_ADDED:
        return this.process.reassessFlag(event.data.flagId, event.data.severity, event.data.childProtection);
      case TRAFFICKING_FLAG_CLOSED:
      case TRAFFICKING_FLAG_WITHDRAWN:
        return;
      default:
        return assertNever(event);
    }
  }
}
