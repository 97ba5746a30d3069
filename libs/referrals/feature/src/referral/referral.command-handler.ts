import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE, executeCommand, NODE_IDENTITY, type Clock, type EventStore, type NodeIdentity } from '@border-ledger/event-store';
import type { GmsCountry } from '@border-ledger/points-of-entry-domain';
import {
  decideReferral,
  evolveReferral,
  initialReferralState,
  referralStream,
  type ReferralCommand,
  type ReferralEvent,
  type ReferralState,
} from '@border-ledger/referrals-domain';
import { REFERRALS_OPTIONS, type ResolvedReferralsOptions } from '../referrals.options';

/** A referral command with what the envelope needs; every referral command goes through it. */
export class ReferralCommandMessage {
  constructor(
    readonly command: ReferralCommand,
    /** Idempotency: the same id is stored once and answered the same. */
    readonly commandId: string,
    readonly correlationId: string,
    readonly expectedRevision?: number,
    /** The event that caused it (process manager), else the command itself. */
    readonly causationId?: string,
  ) {}
}

export interface ReferralReply {
  readonly referralId: string;
  readonly status: ReferralState['status'];
  /** Revision of the referral's stream after the command: send it as `If-Match` to edit. */
  readonly revision: number;
  readonly position: number;
  readonly replayed: boolean;
}

/** Load the referral's stream, decide with the acceptance limits in force, append (`executeCommand`). */
@CommandHandler(ReferralCommandMessage)
export class ReferralCommandHandler implements ICommandHandler<ReferralCommandMessage, ReferralReply> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REFERRALS_OPTIONS) private readonly options: ResolvedReferralsOptions,
  ) {}

  async execute(message: ReferralCommandMessage): Promise<ReferralReply> {
    const { command } = message;
    const now = this.clock();
    const context = {
      now,
      nodeCountry: this.node.country as GmsCountry,
      urgentAcceptanceMinutes: this.options.acceptWithin.urgentMinutes,
      standardAcceptanceMinutes: this.options.acceptWithin.standardMinutes,
    };
    const outcome = await executeCommand<ReferralState, ReferralEvent>(this.store, {
      streamId: referralStream(command.referralId),
      initialState: initialReferralState,
      evolve: evolveReferral,
      decide: (state) => decideReferral(command, state, context),
      commandId: message.commandId,
      occurredAt: now.toISOString(),
      metadata: { ...this.node, correlationId: message.correlationId, causationId: message.causationId ?? message.commandId },
      expectedRevision: message.expectedRevision,
    });
    return {
      referralId: command.referralId,
      status: outcome.state.status,
      revision: outcome.result?.nextExpectedRevision ?? -1,
      position: outcome.result?.position ?? 0,
      replayed: outcome.replayed,
    };
  }

  /** The referral as its stream describes it, with the stream's revision (-1 when there is none). */
  async load(referralId: string): Promise<{ state: ReferralState; revision: number; openedRecordedAt: string | null }> {
    const events = await this.store.readStream(referralStream(referralId));
    const state = events.reduce((s, e) => evolveReferral(s, { type: e.type, data: e.data } as ReferralEvent), initialReferralState);
    return { state, revision: events.length > 0 ? events[events.length - 1].revision : -1, openedRecordedAt: events[0]?.recordedAt ?? null };
  }
}
