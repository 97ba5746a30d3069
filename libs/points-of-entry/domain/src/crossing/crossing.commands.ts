import type { CrossingRecordedData } from './crossing.events';

export interface RecordCrossing {
  readonly kind: 'RecordCrossing';
  readonly crossing: CrossingRecordedData;
  /** When the crossing happened, as recorded at the post (ISO 8601). */
  readonly occurredAt: string;
}

export interface VoidCrossing {
  readonly kind: 'VoidCrossing';
  readonly crossingId: string;
  readonly reason: string;
}

export type CrossingCommand = RecordCrossing | VoidCrossing;

/** What a decision needs besides the command and the state: inputs, never read from globals. */
export interface CrossingContext {
  /** The country of the recording node: a node records crossings at its own points of entry. */
  readonly nodeCountry: string;
  readonly now: Date;
}
