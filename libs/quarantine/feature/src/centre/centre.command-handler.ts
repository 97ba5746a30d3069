import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE, executeCommand, NODE_IDENTITY, type Clock, type EventStore, type NodeIdentity } from '@border-ledger/event-store';
import {
  centreStream,
  decideCentre,
  evolveCentre,
  initialCentreState,
  type CentreCommand,
  type CentreEvent,
  type CentreState,
} from '@border-ledger/quarantine-domain';
import { CapacityGuard } from '../capacity/capacity-guard';
import { OccupancyQueries } from '../stay/occupancy.queries';

/** A centre command with what the envelope needs. */
export class CentreCommandMessage {
  constructor(
    readonly command: CentreCommand,
    /** Idempotency: the same id is stored once and answered the same. */
    readonly commandId: string,
    readonly correlationId: string,
    readonly expectedRevision?: number,
  ) {}
}

export interface CentreReply {
  readonly code: string;
  readonly status: CentreState['status'];
  /** Revision of the centre's stream after the command: send it as `If-Match` to edit. */
  readonly revision: number;
  readonly position: number;
  readonly replayed: boolean;
}

/** Load the centre's stream, decide, append (`executeCommand`). */
@CommandHandler(CentreCommandMessage)
export class CentreCommandHandler implements ICommandHandler<CentreCommandMessage, CentreReply> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly guard: CapacityGuard,
    private readonly occupancy: OccupancyQueries,
  ) {}

  /** Capacity is decided against occupancy caught up to the log, one capacity decision at a time. */
  execute(message: CentreCommandMessage): Promise<CentreReply> {
    return this.guard.exclusive(() => this.decide(message));
  }

  private async decide(message: CentreCommandMessage): Promise<CentreReply> {
    const { command } = message;
    const code = command.kind === 'RegisterCentre' ? command.centre.code : command.code;
    const streamId = centreStream(code);
    const outcome = await executeCommand<CentreState, CentreEvent>(this.store, {
      streamId,
      initialState: initialCentreState,
      evolve: evolveCentre,
      decide: (state) => decideCentre(command, state, { occupancy: this.occupancy.currentAt(code) }),
      commandId: message.commandId,
      occurredAt: this.clock().toISOString(),
      metadata: { ...this.node, correlationId: message.correlationId, causationId: message.commandId },
      expectedRevision: message.expectedRevision,
    });
    // No event (the same capacity again): answer with where the stream already is.
    const [last] = outcome.result ? [] : await this.store.readStream(streamId, { direction: 'backwards', limit: 1 });
    return {
      code,
      status: outcome.state.status,
      revision: outcome.result?.nextExpectedRevision ?? last?.revision ?? -1,
      position: outcome.result?.position ?? last?.position ?? 0,
      replayed: outcome.replayed,
    };
  }
}
