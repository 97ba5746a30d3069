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
  decidePointOfEntry,
  evolvePointOfEntry,
  initialPointOfEntryState,
  pointOfEntryStream,
  type PointOfEntryCommand,
} from '@border-ledger/points-of-entry-domain';
import { measureCommand } from '../shared/measure-command';

/** A point-of-entry command with what the envelope needs. */
export class PointOfEntryCommandMessage {
  constructor(
    readonly command: PointOfEntryCommand,
    /** Idempotency: the same id is stored once and answered the same. */
    readonly commandId: string,
    readonly correlationId: string,
    readonly expectedRevision?: number,
  ) {}
}

export interface PointOfEntryReply {
  readonly code: string;
  readonly status: 'registered' | 'none';
  /** Revision of the point of entry's stream after the command: send it as `If-Match` to edit. */
  readonly revision: number;
  readonly position: number;
  readonly replayed: boolean;
}

@CommandHandler(PointOfEntryCommandMessage)
export class PointOfEntryCommandHandler implements ICommandHandler<PointOfEntryCommandMessage, PointOfEntryReply> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  execute(message: PointOfEntryCommandMessage): Promise<PointOfEntryReply> {
    const { command } = message;
    const code = command.kind === 'RegisterPointOfEntry' ? command.pointOfEntry.code : command.code;
    const streamId = pointOfEntryStream(code);
    return measureCommand(this.metrics, command.kind, async () => {
      const outcome = await executeCommand(this.store, {
        streamId,
        initialState: initialPointOfEntryState,
        evolve: evolvePointOfEntry,
        decide: (state) => decidePointOfEntry(command, state, { nodeCountry: this.node.country }),
        commandId: message.commandId,
        occurredAt: this.clock().toISOString(),
        metadata: { ...this.node, correlationId: message.correlationId, causationId: message.commandId },
        expectedRevision: message.expectedRevision,
      });
      if (!outcome.replayed) outcome.events.forEach((event) => this.metrics.recordEventsAppended(event.type));
      // No event (the same hours again): answer with where the stream already is.
      const [last] = outcome.result ? [] : await this.store.readStream(streamId, { direction: 'backwards', limit: 1 });
      return {
        code,
        status: outcome.state.status,
        revision: outcome.result?.nextExpectedRevision ?? last?.revision ?? -1,
        position: outcome.result?.position ?? last?.position ?? 0,
        replayed: outcome.replayed,
      };
    });
  }
}
