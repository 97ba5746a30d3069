import type { EventStore } from '@border-ledger/event-store';
import {
  crossingStream,
  evolveCrossing,
  evolveScreening,
  initialCrossingState,
  initialScreeningState,
  screeningStream,
  type CrossingEvent,
  type ScreeningEvent,
} from '@border-ledger/points-of-entry-domain';

/** A screening's events and state, folded from its stream. */
export async function loadScreening(store: EventStore, crossingId: string) {
  const events = await store.readStream(screeningStream(crossingId));
  const state = events.reduce((s, e) => evolveScreening(s, { type: e.type, data: e.data } as ScreeningEvent), initialScreeningState);
  return { events, state };
}

/**
 * Every point of entry a screening start touches: the one stated, the one its crossing was
 * recorded at, the one a retry's screening was started at. Access control checks them all, so
 * no one starts (or reads, by retrying) the screening of another post's traveller.
 */
export async function startPlaces(store: EventStore, crossingId: string, stated: string): Promise<string[]> {
  const crossing = (await store.readStream(crossingStream(crossingId))).reduce(
    (s, e) => evolveCrossing(s, { type: e.type, data: e.data } as CrossingEvent),
    initialCrossingState,
  );
  const { state } = await loadScreening(store, crossingId);
  const places = [stated];
  if (crossing.status !== 'none') places.push(crossing.crossing.pointOfEntry);
  if (state.status !== 'none') places.push(state.facts.pointOfEntry);
  return [...new Set(places)];
}
