import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  crossingStream,
  decideFlag,
  evolveCrossing,
  evolveFlag,
  flagStream,
  initialCrossingState,
  initialFlagState,
  TRAFFICKING_FLAG_RAISED,
  type CrossingState,
  type FlagCommand,
  type Severity,
} from '@border-ledger/points-of-entry-domain';
import { StreamCommandRunner } from '../shared/stream-command-runner';
import { FLAG_NOTE_STORE, type FlagNoteStore } from './flag-note.store';

/** A flag command with what the envelope needs, and the officer's note that stays on the node. */
export class FlagCommandMessage {
  constructor(
    readonly command: FlagCommand,
    /** Idempotency: the same id is stored once and answered the same. */
    readonly commandId: string,
    readonly correlationId: string,
    readonly expectedRevision?: number,
    /** Text of the note a RaiseFlag references by `noteId`; kept in the note store, never in an event. */
    readonly note?: string,
  ) {}
}

export interface FlagReply {
  readonly flagId: string;
  readonly status: 'none' | 'open' | 'closed' | 'withdrawn';
  readonly severity: Severity | null;
  readonly childProtection: boolean;
  readonly revision: number;
  readonly position: number;
  readonly replayed: boolean;
}

@CommandHandler(FlagCommandMessage)
export class FlagCommandHandler implements ICommandHandler<FlagCommandMessage, FlagReply> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(FLAG_NOTE_STORE) private readonly notes: FlagNoteStore,
  ) {}

  execute(message: FlagCommandMessage): Promise<FlagReply> {
    const { command } = message;
    const now = this.runner.now();
    return this.runner.run(command.kind, async () => {
      const subjectCrossing = await this.subjectCrossing(command);
      const outcome = await this.runner.append(message, {
        streamId: flagStream(command.flagId),
        initialState: initialFlagState,
        evolve: evolveFlag,
        decide: (state) => decideFlag(command, state, { nodeCountry: this.runner.node.country, now, subjectCrossing }),
        occurredAt: command.kind === 'RaiseFlag' ? command.observedAt : now.toISOString(),
      });
      // After the append, and again on every retry: a crash in between is healed by the client's retry.
      const raised = outcome.events.find((event) => event.type === TRAFFICKING_FLAG_RAISED);
      if (command.kind === 'RaiseFlag' && message.note !== undefined && command.noteId && raised?.data.noteId === command.noteId) {
        await this.notes.save({ noteId: command.noteId, flagId: command.flagId, text: message.note, writtenAt: now.toISOString() });
      }
      const { state } = outcome;
      return {
        flagId: command.flagId,
        status: state.status,
        severity: state.status === 'none' ? null : state.flag.severity,
        childProtection: state.status === 'none' ? false : state.flag.childProtection,
        revision: outcome.result?.nextExpectedRevision ?? -1,
        position: outcome.result?.position ?? 0,
        replayed: outcome.replayed,
      };
    });
  }

  /** The crossing a new flag names, folded from its stream (the decider checks it exists, same post). */
  private async subjectCrossing(command: FlagCommand): Promise<CrossingState | undefined> {
    if (command.kind !== 'RaiseFlag' || command.subject.kind !== 'crossing') return undefined;
    return this.runner.stateOf(crossingStream(command.subject.id), initialCrossingState, evolveCrossing);
  }
}
