import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import { ProjectionRegistry } from '@border-ledger/event-store/nest';
import {
  CAPACITY_CATEGORIES,
  centreStream,
  evolveCentre,
  initialCentreState,
  type CentreAvailability,
  type CentreEvent,
  type CentreState,
} from '@border-ledger/quarantine-domain';
import { CentresProjection } from '../centre/centres.projection';
import { OccupancyQueries } from '../stay/occupancy.queries';

/**
 * Keeps places from being given twice. Every decision that takes or gives back places (automatic
 * placement, manual admission, transfer, capacity change) runs {@link exclusive}ly in this process,
 * on occupancy caught up to the log first: with one quarantine writer per country (ADR 0008), no
 * two decisions ever see the same free place.
 */
@Injectable()
export class CapacityGuard {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRegistry,
    private readonly centres: CentresProjection,
    private readonly occupancy: OccupancyQueries,
  ) {}

  /** Runs `decide` after every earlier one has finished and the read models have caught up with the log. */
  exclusive<T>(decide: () => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => {
      await this.projections.catchUp();
      return decide();
    });
    // The next decision waits for this one whatever its outcome.
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Free places of every registered centre now (call inside {@link exclusive}). */
  availability(): CentreAvailability[] {
    const used = this.occupancy.current();
    return this.centres.list().map((centre) => {
      const inUse = used.get(centre.code);
      const free = Object.fromEntries(CAPACITY_CATEGORIES.map((c) => [c, Math.max(0, centre.capacity[c] - (inUse?.[c] ?? 0))]));
      return { code: centre.code, country: centre.country, province: centre.province, free: free as CentreAvailability['free'] };
    });
  }

  /** The centre's state from its own stream (the decider's context for admissions and transfers). */
  async centreState(code: string): Promise<CentreState> {
    const events = await this.store.readStream(centreStream(code));
    return events.reduce((state, e) => evolveCentre(state, { type: e.type, data: e.data } as CentreEvent), initialCentreState);
  }
}
