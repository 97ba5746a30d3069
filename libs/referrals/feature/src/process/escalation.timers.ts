import { Injectable } from '@nestjs/common';
import type { EventEnvelope, SqliteDatabase, SqliteInbox } from '@border-ledger/event-store';
import type { FeedTarget } from '@border-ledger/kafka/nest';
import { assertNever } from '@border-ledger/points-of-entry-domain';
import {
  CONSENT_RECORDED,
  CONSENT_WITHDRAWN,
  CROSS_BORDER_SHARE_ACCEPTED,
  CROSS_BORDER_SHARE_ACKNOWLEDGED,
  CROSS_BORDER_SHARE_CLOSED,
  CROSS_BORDER_SHARE_DECLINED,
  CROSS_BORDER_SHARE_REQUESTED,
  REFERRAL_ACCEPTED,
  REFERRAL_CLOSED,
  REFERRAL_DECLINED,
  REFERRAL_ESCALATED,
  REFERRAL_EVENT_TYPES,
  REFERRAL_OPENED,
  REFERRAL_REVOKED,
  SERVICES_DELIVERED,
  type ReferralEvent,
} from '@border-ledger/referrals-domain';
import { ESCALATE, escalationTimerIds, timerDueAt, type EscalatePayload } from './referral-work';
import { ReferralsProcessStore } from './referrals-process.store';
import { ReferralsWorkRunner } from './referrals-work.runner';

const isReferralEvent = (type: string): type is ReferralEvent['type'] => (REFERRAL_EVENT_TYPES as readonly string[]).includes(type);

/**
 * Escalation timers from the referrals' own events (always the service's own log): armed at the
 * acceptance deadline when a referral opens (and again once an adult consents), cancelled when the
 * referral is answered, revoked, handed over, or consent is withdrawn. Durable in SQLite: a
 * restart finds them pending.
 */
@Injectable()
export class EscalationTimers implements FeedTarget {
  readonly db: SqliteDatabase;
  readonly inbox: SqliteInbox;

  constructor(
    private readonly process: ReferralsProcessStore,
    private readonly runner: ReferralsWorkRunner,
  ) {
    this.db = process.db;
    this.inbox = process.timerInbox;
  }

  readonly apply = (envelope: EventEnvelope): void => {
    if (!isReferralEvent(envelope.type)) return;
    const event = { type: envelope.type, data: envelope.data } as ReferralEvent;
    const [first, afterConsent] = escalationTimerIds(event.data.referralId);
    switch (event.type) {
      case REFERRAL_OPENED:
        this.process.rememberDeadline(event.data.referralId, event.data.acceptanceDeadline);
        return this.arm(first, event.data.referralId, event.data.acceptanceDeadline);
      case CONSENT_RECORDED: {
        const deadline = this.process.deadline(event.data.referralId);
        return deadline === undefined ? undefined : this.arm(afterConsent, event.data.referralId, deadline);
      }
      case REFERRAL_ACCEPTED:
      case REFERRAL_DECLINED:
      case REFERRAL_ESCALATED:
      case REFERRAL_CLOSED:
      case REFERRAL_REVOKED:
      case CONSENT_WITHDRAWN:
      case CROSS_BORDER_SHARE_ACCEPTED:
        this.process.queue.cancel(first);
        this.process.queue.cancel(afterConsent);
        return;
      case SERVICES_DELIVERED:
      case CROSS_BORDER_SHARE_REQUESTED:
      case CROSS_BORDER_SHARE_ACKNOWLEDGED:
      case CROSS_BORDER_SHARE_DECLINED:
      case CROSS_BORDER_SHARE_CLOSED:
        return;
      default:
        return assertNever(event);
    }
  };

  onApplied(): void {
    this.runner.wake();
  }

  private arm(id: string, referralId: string, deadline: string): void {
    const payload: EscalatePayload = { referralId };
    this.process.queue.schedule({ id, kind: ESCALATE, payload, dueAt: timerDueAt(deadline) });
  }
}
