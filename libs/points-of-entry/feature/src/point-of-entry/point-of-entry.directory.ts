import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import {
  evolvePointOfEntry,
  initialPointOfEntryState,
  pointOfEntryStream,
  type PointOfEntryEvent,
} from '@border-ledger/points-of-entry-domain';
import { PointOfEntryRegistryProjection, type RegisteredPointOfEntry } from './point-of-entry.registry.projection';

/**
 * Finds a registered point of entry: in the registry projection first, and, when it is not
 * there yet, in its own stream. The projection trails the log by a moment; a crossing recorded
 * right after its post was registered (a node's first start) must not be refused for that.
 */
@Injectable()
export class PointOfEntryDirectory {
  constructor(
    private readonly registry: PointOfEntryRegistryProjection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async find(code: string): Promise<RegisteredPointOfEntry | undefined> {
    return this.registry.find(code) ?? (await this.fromStream(code));
  }

  /** The point of entry folded from its stream: always current, with its revision. */
  async fromStream(code: string): Promise<RegisteredPointOfEntry | undefined> {
    const events = await this.store.readStream(pointOfEntryStream(code));
    const state = events.reduce(
      (s, e) => evolvePointOfEntry(s, { type: e.type, data: e.data } as PointOfEntryEvent),
      initialPointOfEntryState,
    );
    if (state.status === 'none') return undefined;
    return { ...state.pointOfEntry, revision: events[events.length - 1].revision };
  }
}
