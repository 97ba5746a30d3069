import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  POINT_OF_ENTRY_REGISTERED,
  pointOfEntryStream,
  decideScreening,
  evolveScreening,
  initialScreeningState,
  screeningCommandCrossingId,
  screeningStream,
  type Pathway,
  type PointOfEntryRegisteredData,
  type PolicyRef,
  type ScreeningCommand,
  type ScreeningOutcome,
  type ScreeningState,
} from '@border-ledger/points-of-entry-domain';
import { ScreeningPolicyReader } from '../policy/policy.reader';
import { StreamCommandRunner } from '../shared/stream-command-runner';

/** A screening command with what the envelope needs. */
export class ScreeningCommandMessage {
  constructor(
    readonly command: ScreeningCommand,
    /** Idempotency: the same id is stored once and answered the same. */
    readonly commandId: string,
    readonly correlationId: string,
    readonly expectedRevision?: number,
  ) {}
}

export interface ScreeningReply {
  readonly crossingId: string;
  readonly status: ScreeningState['status'];
  readonly pathway: Pathway | null;
  readonly outcome: ScreeningOutcome | null;
  /** The policy that set the pathway, or decided the outcome. */
  readonly policy: PolicyRef | null;
  readonly revision: number;
  readonly position: number;
  readonly replayed: boolean;
}

/** The pathway, outcome and policy a state holds, for replies and reads. */
export function screeningSummary(state: ScreeningState): Pick<ScreeningReply, 'status' | 'pathway' | 'outcome' | 'policy'> {
  switch (state.status) {
    case 'none':
    case 'started':
    case 'declared':
      return { status: state.status, pathway: null, outcome: null, policy: null };
    case 'symptomatic':
    case 'asymptomatic':
      return { status: state.status, pathway: state.status, outcome: null, policy: state.policy };
    case 'decided':
      return { status: state.status, pathway: state.pathway, outcome: state.outcome, policy: state.policy };
    default: {
      const never: never = state;
      return never;
    }
  }
}

/** Loads the screening stream and the country's policies, decides, appends. */
@CommandHandler(ScreeningCommandMessage)
export class ScreeningCommandHandler implements ICommandHandler<ScreeningCommandMessage, ScreeningReply> {
  constructor(
    private readonly runner: StreamCommandRunner,
    private readonly policies: ScreeningPolicyReader,
  ) {}

  execute(message: ScreeningCommandMessage): Promise<ScreeningReply> {
    const { command } = message;
    const crossingId = screeningCommandCrossingId(command);
    const now = this.runner.now();
    const nodeCountry = this.runner.node.country;
    return this.runner.run(command.kind, async () => {
      const { policies } = await this.policies.published(nodeCountry);
      const pointOfEntry = command.kind === 'StartScreening' ? await this.registered(command.screening.pointOfEntry) : undefined;
      const outcome = await this.runner.append(message, {
        streamId: screeningStream(crossingId),
        initialState: initialScreeningState,
        evolve: evolveScreening,
        decide: (state) => decideScreening(command, state, { nodeCountry, now, policies, pointOfEntry }),
        occurredAt: command.kind === 'StartScreening' ? command.screening.crossedAt : now.toISOString(),
      });
      return {
        crossingId,
        ...screeningSummary(outcome.state),
        revision: outcome.result?.nextExpectedRevision ?? -1,
        position: outcome.result?.position ?? 0,
        replayed: outcome.replayed,
      };
    });
  }

  /** The registered point of entry of that code, from its own stream (the registry's source of truth). */
  private async registered(code: string): Promise<{ code: string; country: string } | undefined> {
    const events = await this.runner.store.readStream(pointOfEntryStream(code));
    const registration = events.find((e) => e.type === POINT_OF_ENTRY_REGISTERED);
    return registration ? { code, country: (registration.data as PointOfEntryRegisteredData).country } : undefined;
  }
}
