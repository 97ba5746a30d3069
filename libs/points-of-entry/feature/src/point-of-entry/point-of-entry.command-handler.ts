import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decidePointOfEntry,
  evolvePointOfEntry,
  initialPointOfEntryState,
  pointOfEntryStream,
  type PointOfEntryCommand,
} from '@border-ledger/points-of-entry-domain';
import { StreamCommandRunner } from '../shared/stream-command-runner';

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
  constructor(private readonly runner: StreamCommandRunner) {}

  execute(message: PointOfEntryCommandMessage): Promise<PointOfEntryReply> {
    const { command } = message;
    const code = command.kind === 'RegisterPointOfEntry' ? command.pointOfEntry.code : command.code;
    const streamId = pointOfEntryStream(code);
    return this.runner.run(command.kind, async () => {
      const outcome = await this.runner.append(message, {
        streamId,
        initialState: initialPointOfEntryState,
        evolve: evolvePointOfEntry,
        decide: (state) => decidePointOfEntry(command, state, { nodeCountry: this.runner.node.country }),
        occurredAt: this.runner.now().toISOString(),
      });
      // No event (the same hours again): answer with where the stream already is.
      const [last] = outcome.result ? [] : await this.runner.store.readStream(streamId, { direction: 'backwards', limit: 1 });
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
