import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decideScreeningPolicy,
  evolveScreeningPolicy,
  initialScreeningPolicyState,
  screeningPolicyStream,
  type ScreeningPolicyCommand,
} from '@border-ledger/points-of-entry-domain';
import { StreamCommandRunner } from '../shared/stream-command-runner';

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
  constructor(private readonly runner: StreamCommandRunner) {}

  execute(message: ScreeningPolicyCommandMessage): Promise<ScreeningPolicyReply> {
    const { command } = message;
    return this.runner.run(command.kind, async () => {
      const outcome = await this.runner.append(message, {
        streamId: screeningPolicyStream(command.policy.country),
        initialState: initialScreeningPolicyState,
        evolve: evolveScreeningPolicy,
        decide: (state) => decideScreeningPolicy(command, state, { nodeCountry: this.runner.node.country }),
        occurredAt: this.runner.now().toISOString(),
      });
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
