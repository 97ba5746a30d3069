import type { EventMetadata } from '../port/envelope';
import { WrongExpectedRevisionError } from '../port/errors';
import type { AppendResult, EventStore } from '../port/event-store.port';
import { deterministicEventId } from './deterministic-id';

/** The shape of a domain event: a versioned type name and a payload. */
export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

export interface CommandExecution<S, E extends DomainEvent> {
  readonly streamId: string;
  readonly initialState: S;
  readonly evolve: (state: S, event: E) => S;
  /** The pure decision, with the command and its context already bound. */
  readonly decide: (state: S) => E[];
  /** Id of the command (client command id or idempotency key): event ids derive from it. */
  readonly commandId: string;
  readonly occurredAt: string;
  readonly metadata: EventMetadata;
  /** The revision the client last saw, when it states one; otherwise the revision just read. */
  readonly expectedRevision?: number;
}

export interface CommandOutcome<S, E> {
  readonly events: E[];
  readonly state: S;
  readonly result: AppendResult | null;
  /** True when this command had already been stored: the answer is the original one. */
  readonly replayed: boolean;
}

/**
 * Load the stream, fold it, decide, append with the expected revision. A command whose events
 * are already in the stream (same command id) is answered from the store, not decided again.
 */
export async function executeCommand<S, E extends DomainEvent>(
  store: EventStore,
  execution: CommandExecution<S, E>,
): Promise<CommandOutcome<S, E>> {
  const history = await store.readStream(execution.streamId);
  const state = history.reduce((s, e) => execution.evolve(s, { type: e.type, data: e.data } as E), execution.initialState);
  const firstId = deterministicEventId(execution.commandId, 0);
  const earlier = history.filter((e) => e.eventId === firstId || isLaterEventOf(execution.commandId, e.eventId, history));
  if (earlier.length > 0) {
    const last = earlier[earlier.length - 1];
    return {
      events: earlier.map((e) => ({ type: e.type, data: e.data }) as E),
      state,
      result: { nextExpectedRevision: last.revision, position: last.position },
      replayed: true,
    };
  }
  const current = history.length > 0 ? history[history.length - 1].revision : null;
  // A client that states the revision it saw gets a conflict, not a decision on a state it never saw.
  if (execution.expectedRevision !== undefined && execution.expectedRevision !== current) {
    throw new WrongExpectedRevisionError(execution.streamId, execution.expectedRevision, current);
  }
  const events = execution.decide(state);
  if (events.length === 0) return { events, state, result: null, replayed: false };
  const expected = execution.expectedRevision ?? current ?? 'no-stream';
  const result = await store.append(
    execution.streamId,
    events.map((event, index) => ({
      eventId: deterministicEventId(execution.commandId, index),
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      occurredAt: execution.occurredAt,
      metadata: execution.metadata,
    })),
    expected,
  );
  const newState = events.reduce(execution.evolve, state);
  return { events, state: newState, result, replayed: false };
}

function isLaterEventOf(commandId: string, eventId: string, history: readonly { eventId: string }[]): boolean {
  // Commands emit few events; checking the next indexes keeps a multi-event reply complete.
  for (let index = 1; index < Math.min(history.length, 16); index += 1) {
    if (deterministicEventId(commandId, index) === eventId) return true;
  }
  return false;
}
