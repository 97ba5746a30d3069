import type { AgeBand } from '../reference/codes';
import type { CrossingState } from './crossing.decider';
import type { CrossingRecordedData } from './crossing.events';

/** A crossing as the officer states it: the age band may come from a date of birth instead. */
export type CrossingDraft = Omit<CrossingRecordedData, 'ageBand'> & { readonly ageBand?: AgeBand };

export interface RecordCrossing {
  readonly kind: 'RecordCrossing';
  readonly crossing: CrossingDraft;
  /** When the crossing happened, as recorded at the post (ISO 8601 with its offset). */
  readonly occurredAt: string;
  /**
   * Stated date of birth (`YYYY-MM-DD`): the age band is derived from it for the crossing's local
   * day. It never goes into an event in clear.
   */
  readonly dateOfBirth?: string;
}

export interface VoidCrossing {
  readonly kind: 'VoidCrossing';
  readonly crossingId: string;
  readonly reason: string;
}

export type CrossingCommand = RecordCrossing | VoidCrossing;

/** A point of entry as the decision needs it. */
export interface PointOfEntryInContext {
  readonly code: string;
  readonly country: string;
}

/** What a decision needs besides the command and the state: inputs, never read from globals. */
export interface CrossingContext {
  /** The country of the recording node: a node records crossings at its own points of entry. */
  readonly nodeCountry: string;
  readonly now: Date;
  /** The registered point of entry the command names; undefined when none is registered. */
  readonly pointOfEntry: PointOfEntryInContext | undefined;
  /** The state of the guardian's crossing, when the command names one. */
  readonly guardian?: CrossingState;
}
