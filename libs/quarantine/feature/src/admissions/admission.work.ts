import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  EVENT_STORE,
  executeCommand,
  NODE_IDENTITY,
  PermanentWorkError,
  type Clock,
  type EventStore,
  type NodeIdentity,
  type WorkItem,
} from '@border-ledger/event-store';
import { RuleViolation } from '@border-ledger/points-of-entry-domain';
import {
  decideStay,
  evolveStay,
  initialStayState,
  placeAdmission,
  stayStream,
  type PlacementRequest,
  type StayCommand,
  type StayEvent,
  type StayState,
} from '@border-ledger/quarantine-domain';
import { CapacityGuard } from '../capacity/capacity-guard';
import { OccupancyQueries } from '../stay/occupancy.queries';
import { ADMIT, PLACE_AWAITING, type AdmitWork, type PlaceAwaitingWork } from './admissions.process-manager';

/**
 * Runs the admissions process manager's work. Each decision is taken under the {@link CapacityGuard}
 * and appended with a command id derived from the event that caused it, so a retry or a replay
 * stores nothing twice; the stay stream is the last guard: a crossing already admitted or awaiting
 * a place is never admitted again by an outcome.
 */
@Injectable()
export class AdmissionWork {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly guard: CapacityGuard,
    private readonly occupancy: OccupancyQueries,
  ) {}

  readonly run = async (item: WorkItem): Promise<void> => {
    try {
      if (item.kind === ADMIT) await this.admit(item.payload as AdmitWork);
      else if (item.kind === PLACE_AWAITING) await this.placeAwaiting(item.payload as PlaceAwaitingWork);
      else throw new PermanentWorkError(`Unknown work ${item.kind}`);
    } catch (error) {
      // A rule refused it (days out of range…): retrying cannot help; the item is parked with the reason.
      if (error instanceof RuleViolation) throw new PermanentWorkError(`${error.rule}: ${error.message}`);
      throw error;
    }
  };

  /** Admit where there is room (same province first), else raise a capacity alert on the stay. */
  private admit(work: AdmitWork): Promise<void> {
    return this.guard.exclusive(async () => {
      const { crossingId, pointOfEntry, country, province, terms } = work;
      const placement = placeAdmission({ crossingId, pointOfEntry, country, province, ...terms }, this.guard.availability());
      const now = this.clock();
      const since = countedFrom(work.countedFrom, now);
      const command: StayCommand =
        placement.kind === 'placed'
          ? { kind: 'Admit', crossingId, centre: placement.centre, ...terms, admittedAt: now.toISOString(), ...since }
          : { kind: 'RaiseCapacityAlert', alert: { crossingId, ...terms, pointOfEntry, country, province, raisedAt: now.toISOString(), ...since } };
      await this.append(command, `admission:${work.outcomeEventId}`, work.correlationId, (state) => state.status === 'none');
    });
  }

  /** Admit travellers awaiting a place, oldest alert first, while places are free. */
  private async placeAwaiting(work: PlaceAwaitingWork): Promise<void> {
    for (const alert of this.occupancy.alerts()) {
      await this.guard.exclusive(async () => {
        const { crossingId, measure, days, category } = alert;
        const request: PlacementRequest = { crossingId, measure, days, category, pointOfEntry: alert.pointOfEntry ?? '', country: this.node.country, province: alert.province ?? '' };
        const placement = placeAdmission(request, this.guard.availability());
        if (placement.kind !== 'placed') return;
        const stay = await this.store.readStream(stayStream(crossingId));
        const state = stay.reduce((s, e) => evolveStay(s, { type: e.type, data: e.data } as StayEvent), initialStayState);
        if (state.status !== 'awaiting-place') return;
        const terms = state.alert;
        const admit: StayCommand = {
          kind: 'Admit', crossingId, centre: placement.centre, category: terms.category, measure: terms.measure, days: terms.days,
          requiresNegativeTest: terms.requiresNegativeTest, admittedAt: this.clock().toISOString(), ...countedFrom(terms.countedFrom, this.clock()),
        };
        await this.append(admit, `admission-after-alert:${crossingId}:${work.triggerEventId}`, work.correlationId, (s) => s.status === 'awaiting-place');
      });
    }
  }

  /** Appends what `command` decides when the stay is still in the state `expects` allows (else nothing). */
  private async append(command: StayCommand, commandId: string, correlationId: string, expects: (state: StayState) => boolean): Promise<void> {
    const centreCode = command.kind === 'Admit' ? command.centre : undefined;
    const centre = centreCode === undefined ? undefined : await this.guard.centreState(centreCode);
    const free = centreCode === undefined ? undefined : this.guard.availability().find((c) => c.code === centreCode)?.free;
    const now = this.clock();
    await executeCommand<StayState, StayEvent>(this.store, {
      streamId: stayStream(command.kind === 'RaiseCapacityAlert' ? command.alert.crossingId : command.crossingId),
      initialState: initialStayState,
      evolve: evolveStay,
      decide: (state) =>
        expects(state) ? decideStay(command, state, { now, centre, freePlaces: command.kind === 'Admit' ? (free?.[command.category] ?? 0) : undefined }) : [],
      commandId,
      occurredAt: now.toISOString(),
      metadata: { ...this.node, correlationId, causationId: commandId },
    });
  }
}

/**
 * The start of the measure for an admission made now: the crossing time when it is known and not
 * after now (a post's clock may run ahead), else nothing (the days then count from the admission).
 */
function countedFrom(crossedAt: string | undefined, now: Date): { countedFrom?: string } {
  const at = crossedAt === undefined ? NaN : Date.parse(crossedAt);
  return Number.isNaN(at) || at >= now.getTime() ? {} : { countedFrom: crossedAt };
}
