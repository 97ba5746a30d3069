import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  crossingStream,
  decideCrossing,
  evolveCrossing,
  initialCrossingState,
  type CrossingCommand,
  type CrossingContext,
  type RecordCrossing,
} from '@border-ledger/points-of-entry-domain';
import { TravellerIdentityService, type TravellerIdentityInput } from '../identity/traveller-identity.service';
import { PointOfEntryDirectory } from '../point-of-entry/point-of-entry.directory';
import { StreamCommandRunner } from '../shared/stream-command-runner';

/** A crossing command with what the envelope needs: who sent it and under which ids. */
export class CrossingCommandMessage {
  constructor(
    readonly command: CrossingCommand,
    /** Idempotency: the same id is stored once and answered the same. */
    readonly commandId: string,
    readonly correlationId: string,
    readonly expectedRevision?: number,
    /** Identity taken at the post, in memory only: sealed before anything is stored. */
    readonly traveller?: TravellerIdentityInput,
  ) {}
}

export interface CrossingReply {
  readonly crossingId: string;
  readonly status: 'recorded' | 'voided' | 'none';
  /** Keyed hash linking this traveller's crossings; null when no document was taken. */
  readonly travellerRef: string | null;
  readonly revision: number;
  readonly position: number;
  readonly replayed: boolean;
}

@CommandHandler(CrossingCommandMessage)
export class CrossingCommandHandler implements ICommandHandler<CrossingCommandMessage, CrossingReply> {
  constructor(
    private readonly runner: StreamCommandRunner,
    private readonly directory: PointOfEntryDirectory,
    private readonly identity: TravellerIdentityService,
  ) {}

  execute(message: CrossingCommandMessage): Promise<CrossingReply> {
    const crossingId = message.command.kind === 'RecordCrossing' ? message.command.crossing.crossingId : message.command.crossingId;
    const now = this.runner.now();
    return this.runner.run(message.command.kind, async () => {
      const command =
        message.command.kind === 'RecordCrossing' ? await this.sealIdentity(message.command, message.traveller) : message.command;
      const context = await this.contextFor(command, now);
      const outcome = await this.runner.append(message, {
        streamId: crossingStream(crossingId),
        initialState: initialCrossingState,
        evolve: evolveCrossing,
        decide: (state) => decideCrossing(command, state, context),
        occurredAt: command.kind === 'RecordCrossing' ? command.occurredAt : now.toISOString(),
      });
      return {
        crossingId,
        status: outcome.state.status,
        travellerRef: outcome.state.status === 'none' ? null : (outcome.state.crossing.travellerRef ?? null),
        revision: outcome.result?.nextExpectedRevision ?? -1,
        position: outcome.result?.position ?? 0,
        replayed: outcome.replayed,
      };
    });
  }

  /** Derives the traveller reference and seals the identity, unless the crossing is already stored (a retry). */
  private async sealIdentity(command: RecordCrossing, traveller: TravellerIdentityInput | undefined): Promise<RecordCrossing> {
    if (traveller === undefined) return command;
    const { crossing } = command;
    if ((await this.runner.store.streamRevision(crossingStream(crossing.crossingId))) !== null) return command;
    const sealed = await this.identity.protect(crossing.crossingId, crossing.nationality, traveller, command.dateOfBirth);
    return { ...command, crossing: { ...crossing, ...sealed } };
  }

  /** The registered point of entry and, for a child, the guardian's crossing: inputs of the decision. */
  private async contextFor(command: CrossingCommand, now: Date): Promise<CrossingContext> {
    const base = { nodeCountry: this.runner.node.country, now };
    if (command.kind !== 'RecordCrossing') return { ...base, pointOfEntry: undefined };
    const poe = await this.directory.find(command.crossing.pointOfEntry);
    const { guardianCrossingId } = command.crossing;
    return {
      ...base,
      pointOfEntry: poe && { code: poe.code, country: poe.country },
      ...(guardianCrossingId !== undefined
        ? { guardian: await this.runner.stateOf(crossingStream(guardianCrossingId), initialCrossingState, evolveCrossing) }
        : {}),
    };
  }
}
