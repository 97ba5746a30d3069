import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  EVENT_STORE,
  executeCommand,
  NODE_IDENTITY,
  type Clock,
  type CommandExecution,
  type CommandOutcome,
  type DomainEvent,
  type EventStore,
  type NodeIdentity,
} from '@border-ledger/event-store';
import { MetricsService } from '@border-ledger/platform';

/** What every command message carries for its envelope. */
export interface CommandEnvelope {
  /** Idempotency: the same id is stored once and answered the same. */
  readonly commandId: string;
  readonly correlationId: string;
  /** The revision of the stream the client last read, when it states one. */
  readonly expectedRevision?: number;
}

/** A command's own part of an execution: the stream, its fold, the decision and when it happened. */
export type StreamDecision<S, E extends DomainEvent> = Omit<CommandExecution<S, E>, 'commandId' | 'metadata' | 'expectedRevision'>;

export interface AppendOptions<S, E> {
  /**
   * Runs after the append, before the appended events are counted: when it fails, the command
   * counts as failed and its events are not counted (the erasure destroys keys here).
   */
  readonly beforeCounting?: (outcome: CommandOutcome<S, E>) => Promise<unknown>;
}

/**
 * What the command handlers share: the envelope metadata from the node identity, the count of
 * each command by outcome and of the appended events by type, the clock, and reads of the log.
 * Handlers load what the decision needs, then `append` inside `run`.
 */
@Injectable()
export class StreamCommandRunner {
  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(NODE_IDENTITY) readonly node: NodeIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  now(): Date {
    return this.clock();
  }

  /** Runs a command and counts it by outcome: accepted, rejected (a rule), conflict, or error. */
  async run<T>(commandName: string, execution: () => Promise<T>): Promise<T> {
    try {
      const result = await execution();
      this.metrics.recordCommand(commandName, 'accepted');
      return result;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      this.metrics.recordCommand(
        commandName,
        code === 'RULE_VIOLATION' ? 'rejected' : code === 'WRONG_EXPECTED_REVISION' ? 'conflict' : 'error',
      );
      throw error;
    }
  }

  /** Loads the stream, decides and appends under the message's envelope; counts new events by type. */
  async append<S, E extends DomainEvent>(
    message: CommandEnvelope,
    decision: StreamDecision<S, E>,
    options: AppendOptions<S, E> = {},
  ): Promise<CommandOutcome<S, E>> {
    const outcome = await executeCommand<S, E>(this.store, {
      ...decision,
      commandId: message.commandId,
      metadata: { ...this.node, correlationId: message.correlationId, causationId: message.commandId },
      expectedRevision: message.expectedRevision,
    });
    if (options.beforeCounting) await options.beforeCounting(outcome);
    if (!outcome.replayed) outcome.events.forEach((event) => this.metrics.recordEventsAppended(event.type));
    return outcome;
  }

  /** The current state of another stream, folded from its events: an input of a decision. */
  async stateOf<S, E extends DomainEvent>(streamId: string, initialState: S, evolve: (state: S, event: E) => S): Promise<S> {
    const events = await this.store.readStream(streamId);
    return events.reduce((s, e) => evolve(s, { type: e.type, data: e.data } as E), initialState);
  }
}
