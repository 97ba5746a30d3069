import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE, executeCommand, NODE_IDENTITY, type Clock, type EventStore, type NodeIdentity } from '@border-ledger/event-store';
import { RuleViolation } from '@border-ledger/points-of-entry-domain';
import {
  decideStay,
  evolveStay,
  initialStayState,
  stayStream,
  type Admit,
  type CapacityCategory,
  type Measure,
  type StayCommand,
  type StayContext,
  type StayEvent,
  type StayState,
} from '@border-ledger/quarantine-domain';
import { CapacityGuard } from '../capacity/capacity-guard';

/**
 * A manual admission: staff name the centre and the admission time; the terms (category, measure,
 * days, negative test) default to those of the capacity alert when the traveller awaits a place.
 */
export interface ManualAdmission {
  readonly kind: 'ManualAdmission';
  readonly crossingId: string;
  readonly centre: string;
  readonly admittedAt: string;
  readonly countedFrom?: string;
  readonly category?: CapacityCategory;
  readonly measure?: Measure;
  readonly days?: number;
  readonly requiresNegativeTest?: boolean;
}

/** What staff may ask of a stay over HTTP. */
export type StayRequest = ManualAdmission | Exclude<StayCommand, Admit | { kind: 'RaiseCapacityAlert' }>;

/** A stay command with what the envelope needs. */
export class StayCommandMessage {
  constructor(
    readonly request: StayRequest,
    /** Idempotency: the same id is stored once and answered the same. */
    readonly commandId: string,
    readonly correlationId: string,
    readonly expectedRevision?: number,
  ) {}
}

export interface StayReply {
  readonly crossingId: string;
  readonly status: StayState['status'];
  /** Revision of the stay's stream after the command: send it as `If-Match`. */
  readonly revision: number;
  readonly position: number;
  readonly replayed: boolean;
}

/**
 * Load the stay's stream, decide, append. Admissions and transfers take places: they run under the
 * {@link CapacityGuard}, deciding on the receiving centre's free places caught up to the log.
 */
@CommandHandler(StayCommandMessage)
export class StayCommandHandler implements ICommandHandler<StayCommandMessage, StayReply> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly guard: CapacityGuard,
  ) {}

  execute(message: StayCommandMessage): Promise<StayReply> {
    const { request } = message;
    if (request.kind === 'ManualAdmission') return this.guard.exclusive(() => this.run(message, request.centre));
    if (request.kind === 'Transfer') return this.guard.exclusive(() => this.run(message, request.to));
    return this.run(message);
  }

  private async run(message: StayCommandMessage, receiving?: string): Promise<StayReply> {
    const { request } = message;
    const streamId = stayStream(request.crossingId);
    const centre = receiving === undefined ? undefined : await this.guard.centreState(receiving);
    const free = receiving === undefined ? undefined : this.guard.availability().find((c) => c.code === receiving)?.free;
    const now = this.clock();
    const outcome = await executeCommand<StayState, StayEvent>(this.store, {
      streamId,
      initialState: initialStayState,
      evolve: evolveStay,
      decide: (state) => {
        const command = request.kind === 'ManualAdmission' ? admissionOf(request, state) : request;
        const category = command.kind === 'Admit' ? command.category : state.status === 'admitted' ? state.stay.category : undefined;
        const context: StayContext = { now, centre, freePlaces: category === undefined ? undefined : (free?.[category] ?? 0) };
        return decideStay(command, state, context);
      },
      commandId: message.commandId,
      occurredAt: now.toISOString(),
      metadata: { ...this.node, correlationId: message.correlationId, causationId: message.commandId },
      expectedRevision: message.expectedRevision,
    });
    const [last] = outcome.result ? [] : await this.store.readStream(streamId, { direction: 'backwards', limit: 1 });
    return {
      crossingId: request.crossingId,
      status: outcome.state.status,
      revision: outcome.result?.nextExpectedRevision ?? last?.revision ?? -1,
      position: outcome.result?.position ?? last?.position ?? 0,
      replayed: outcome.replayed,
    };
  }
}

/** The admission a manual request makes, completed from the capacity alert when one is open. */
export function admissionOf(request: ManualAdmission, state: StayState): Admit {
  if (state.status !== 'none' && state.status !== 'awaiting-place') {
    throw new RuleViolation('stay-already-admitted', `Crossing ${request.crossingId} is already admitted`);
  }
  const alert = state.status === 'awaiting-place' ? state.alert : undefined;
  const category = request.category ?? alert?.category;
  const measure = request.measure ?? alert?.measure;
  const days = request.days ?? alert?.days;
  const requiresNegativeTest = request.requiresNegativeTest ?? alert?.requiresNegativeTest;
  if (category === undefined || measure === undefined || days === undefined || requiresNegativeTest === undefined) {
    throw new RuleViolation('admission-terms-missing', 'State category, measure, days and requiresNegativeTest: no capacity alert gives them');
  }
  const { crossingId, centre, admittedAt } = request;
  const countedFrom = request.countedFrom ?? alert?.countedFrom;
  return { kind: 'Admit', crossingId, centre, category, measure, days, requiresNegativeTest, admittedAt, ...(countedFrom === undefined ? {} : { countedFrom }) };
}
