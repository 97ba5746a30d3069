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
  crossingStream,
  decideCrossing,
  evolveCrossing,
  initialCrossingState,
  type CrossingCommand,
} from '@border-ledger/points-of-entry-domain';
import { measureCommand } from '../shared/measure-command';

/** A crossing command with what the envelope needs: who sent it and under which ids. */
export class CrossingCommandMessage {
  constructor(
    readonly command: CrossingCommand,
    /** Idempotency: the same id is stored once and answered the same. */
    readonly commandId: string,
    readonly correlationId: string,
    readonly expectedRevision?: number,
  ) {}
}

export interface CrossingReply {
  readonly crossingId: string;
  readonly status: 'recorded' | 'voided' | 'none';
  readonly revision: number;
  readonly position: number;
  readonly replayed: boolean;
}

@CommandHandler(CrossingCommandMessage)
export class CrossingCommandHandler implements ICommandHandler<CrossingCommandMessage, CrossingReply> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  execute(message: CrossingCommandMessage): Promise<CrossingReply> {
    const { command } = message;
    const crossingId = command.kind === 'RecordCrossing' ? command.crossing.crossingId : command.crossingId;
    const now = this.clock();
    return measureCommand(this.metrics, command.kind, async () => {
      const outcome = await executeCommand(this.store, {
        streamId: crossingStream(crossingId),
        initialState: initialCrossingState,
        evolve: evolveCrossing,
        decide: (state) => decideCrossing(command, state, { nodeCountry: this.node.country, now }),
        commandId: message.commandId,
        occurredAt: command.kind === 'RecordCrossing' ? command.occurredAt : now.toISOString(),
        metadata: { ...this.node, correlationId: message.correlationId, causationId: message.commandId },
        expectedRevision: message.expectedRevision,
      });
      if (!outcome.replayed) outcome.events.forEach((event) => this.metrics.recordEventsAppended(event.type));
      return {
        crossingId,
        status: outcome.state.status,
        revision: outcome.result?.nextExpectedRevision ?? -1,
        position: outcome.result?.position ?? 0,
        replayed: outcome.replayed,
      };
    });
  }
}
