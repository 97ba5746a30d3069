import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  CLOCK,
  EVENT_STORE,
  executeCommand,
  NODE_IDENTITY,
  type Clock,
  type EventStore,
  type NodeIdentity,
} from '@border-ledger/event-store';
import { MetricsService } from '@border-ledger/platform';
import {
  decideScreeningPolicy,
  evolveScreeningPolicy,
  initialScreeningPolicyState,
  screeningPolicyStream,
  type ScreeningPolicyCommand,
} from '@border-ledger/points-of-entry-domain';
import { measureCommand } from '../shared/measure-command';

/** A policy command with what the envelope needs. */
export class ScreeningPolicyCommandMessage {
  constructor(
    readonly command: ScreeningPolicyCommand,
    /** Idempotency: the same id is stored once and answered the same. */
    readonly commandId: string,
    readonly correlationId: string,
    /** Revision of the country's policy stream the client last read. */
    readonly expectedRevision?: number,
  ) {}
}

export interface ScreeningPolicyReply {
  readonly policyId: string;
  readonly country: string;
  readonly version: number;
  readonly effectiveFrom: string;
  readonly revision: number;
  readonly position: number;
  readonly replayed: boolean;
}

@CommandHandler(ScreeningPolicyCommandMessage)
export class ScreeningPolicyCommandHandler implements ICommandHandler<ScreeningPolicyCommandMessage, ScreeningPolicyReply> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  execute(message: ScreeningPolicyCommandMessage): Promise<ScreeningPolicyReply> {
    const { command } = message;
    return measureCommand(this.metrics, command.kind, async () => {
      const outcome = await executeCommand(this.store, {
        streamId: screeningPolicyStream(command.policy.country),
        initialState: initialScreeningPolicyState,
        evolve: evolveScreeningPolicy,
        decide: (state) => decideScreeningPolicy(command, state, { nodeCountry: this.node.country }),
        commandId: message.commandId,
        occurredAt: this.clock().toISOString(),
        metadata: { ...this.node, correlationId: message.correlationId, causationId: message.commandId },
        expectedRevision: message.expectedRevision,
      });
      if (!outcome.replayed) outcome.events.forEach((event) => this.metrics.recordEventsAppended(event.type));
      // A replay answers with the policy first stored under this command id.
      const stored = outcome.events[0]?.data ?? command.policy;
      return {
        policyId: stored.policyId,
        country: stored.country,
        version: stored.version,
        effectiveFrom: stored.effectiveFrom,
        revision: outcome.result?.nextExpectedRevision ?? -1,
        position: outcome.result?.position ?? 0,
        replayed: outcome.replayed,
      };
    });
  }
}
