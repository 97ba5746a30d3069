import { Inject, Injectable } from '@nestjs/common';
import { PermanentWorkError, type WorkItem } from '@border-ledger/event-store';
import { RuleViolation } from '@border-ledger/points-of-entry-domain';
import { referralIdFor, SERVICES, type ReferralCommand } from '@border-ledger/referrals-domain';
import { ReferralCommandHandler, ReferralCommandMessage } from '../referral/referral.command-handler';
import {
  APPLY_SHARE_STEP,
  ESCALATE,
  OPEN_REFERRALS,
  processCommandIds,
  REVOKE_REFERRALS,
  type EscalatePayload,
  type OpenReferralsPayload,
  type RevokeReferralsPayload,
  type ShareStepPayload,
} from './referral-work';
import { ReferralsProcessStore, type ShareStepOutcome } from './referrals-process.store';

/** Refusals that mean "already done" or "no longer applies": the work is finished, not failed. */
const SETTLED_ON_OPEN = new Set(['referral-already-opened']);
/** A refusal that time cures (the flag's clock is ahead of ours, or the deadline is not yet past). */
const LATER = new Set(['time-in-the-future', 'acceptance-deadline-not-passed']);

/**
 * Runs the referrals queue: opens the referrals a flag calls for, revokes those of a withdrawn
 * flag, escalates a referral whose acceptance deadline passed, applies a partner's answer to a
 * cross-border share. Command ids derive from the referral (or the answer), so a retry after a
 * crash stores nothing twice.
 */
@Injectable()
export class ReferralWorkHandler {
  constructor(
    @Inject(ReferralCommandHandler) private readonly commands: ReferralCommandHandler,
    private readonly process: ReferralsProcessStore,
  ) {}

  async handle(item: WorkItem): Promise<void> {
    switch (item.kind) {
      case OPEN_REFERRALS:
        return this.open(item.payload as OpenReferralsPayload);
      case REVOKE_REFERRALS:
        return this.revoke(item.payload as RevokeReferralsPayload);
      case ESCALATE:
        return this.escalate(item.payload as EscalatePayload, item.id);
      case APPLY_SHARE_STEP:
        return this.shareStep(item.payload as ShareStepPayload);
      default:
        throw new PermanentWorkError(`Unknown work kind ${item.kind}`);
    }
  }

  private async open(work: OpenReferralsPayload): Promise<void> {
    for (const { referralId, service } of work.referrals) {
      const command: ReferralCommand = {
        kind: 'OpenReferral', referralId, flagId: work.flagId, severity: work.severity, childProtection: work.childProtection,
        pointOfEntry: work.pointOfEntry, service, openedAt: work.openedAt,
      };
      await this.send(command, processCommandIds.open(referralId), work.correlationId, work.causationId, SETTLED_ON_OPEN);
    }
  }

  private async revoke(work: RevokeReferralsPayload): Promise<void> {
    for (const service of SERVICES) {
      const referralId = referralIdFor(work.flagId, service);
      const command: ReferralCommand = { kind: 'RevokeReferral', referralId, reason: 'flag-withdrawn', revokedAt: work.revokedAt };
      // Not opened, already finished, handed over: nothing to revoke there.
      await this.send(command, processCommandIds.revoke(referralId), work.correlationId, work.causationId, 'any-rule');
    }
  }

  private async escalate(work: EscalatePayload, timerId: string): Promise<void> {
    const command: ReferralCommand = { kind: 'EscalateReferral', referralId: work.referralId };
    // Accepted, declined, revoked, waiting for consent, already escalated: the timer is done.
    await this.send(command, processCommandIds.escalate(work.referralId), timerId, timerId, 'any-rule');
  }

  /**
   * Applies a partner's answer, after the referral's earlier answers not yet applied (the queue
   * runs items due together in id order, and a retried one later, so answers may come up out of
   * order: whichever comes up first applies those before it). An answer a rule refuses (the
   * referral was revoked, the answer is out of order) is parked, never retried: the referral's
   * decider is the guard. One the referral already shows (the same answer received twice) is done.
   */
  private async shareStep(work: ShareStepPayload): Promise<void> {
    for (const step of this.process.unsettledShareStepsUpTo(work)) {
      this.process.settleShareStep(step.eventId, await this.applyShareStep(step));
    }
    const outcome = this.process.shareStep(work.eventId)?.outcome;
    if (!outcome) throw new PermanentWorkError(`Answer ${work.eventId} to the share of ${work.referralId} was never received`);
    if (outcome.kind === 'refused') throw new PermanentWorkError(`${work.stage} answer to the share of ${work.referralId} refused: ${outcome.rule}`);
  }

  /** Sends one answer's command: applied or refused for good; anything retrying may cure is thrown. */
  private async applyShareStep(step: ShareStepPayload): Promise<ShareStepOutcome> {
    const { referralId, at } = step;
    let command: ReferralCommand;
    switch (step.stage) {
      case 'acknowledged':
        command = { kind: 'AcknowledgeCrossBorderShare', referralId, at };
        break;
      case 'accepted':
        command = { kind: 'AcceptCrossBorderShare', referralId, at };
        break;
      case 'declined':
        if (step.reasonCode === undefined) return { kind: 'refused', rule: 'decline-reason-required' };
        command = { kind: 'DeclineCrossBorderShare', referralId, reason: step.reasonCode, at };
        break;
      case 'closed':
        command = { kind: 'CloseCrossBorderShare', referralId, at };
        break;
      default:
        return { kind: 'refused', rule: `unknown-stage-${String(step.stage as unknown)}` };
    }
    try {
      await this.commands.execute(new ReferralCommandMessage(command, processCommandIds.shareStep(step.eventId), step.correlationId, undefined, step.eventId));
      return { kind: 'applied' };
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error; // store unavailable, a concurrent edit: retried
      if (LATER.has(error.rule)) throw new Error(`${command.kind} ${referralId}: ${error.rule}, retried later`);
      // The same answer received again (under another event): the referral already shows it.
      const { state } = await this.commands.load(referralId);
      if (state.status !== 'none' && state.referral.share?.status === step.stage) return { kind: 'applied' };
      return { kind: 'refused', rule: error.rule };
    }
  }

  private async send(command: ReferralCommand, commandId: string, correlationId: string, causationId: string, settled: ReadonlySet<string> | 'any-rule'): Promise<void> {
    try {
      await this.commands.execute(new ReferralCommandMessage(command, commandId, correlationId, undefined, causationId));
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error; // store unavailable, a concurrent edit: retried
      if (LATER.has(error.rule)) throw new Error(`${command.kind} ${command.referralId}: ${error.rule}, retried later`);
      if (settled === 'any-rule' || settled.has(error.rule)) return;
      throw new PermanentWorkError(`${command.kind} ${command.referralId} refused: ${error.rule}`);
    }
  }
}
