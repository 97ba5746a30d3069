import type { AgeBand, Channel, Direction, Purpose, Sex } from '../reference/codes';

/** What a border officer records about one crossing. No names or document numbers. */
export interface CrossingRecordedData {
  readonly crossingId: string;
  readonly pointOfEntry: string;
  readonly direction: Direction;
  readonly channel: Channel;
  readonly purpose: Purpose;
  readonly nationality: string;
  readonly sex: Sex;
  readonly ageBand: AgeBand;
}

export interface CrossingVoidedData {
  readonly crossingId: string;
  readonly reason: string;
}

export const CROSSING_RECORDED = 'points-of-entry.crossing-recorded.v1';
export const CROSSING_VOIDED = 'points-of-entry.crossing-voided.v1';

/** Events of a crossing stream; type names are stable and versioned. */
export type CrossingEvent =
  | { readonly type: typeof CROSSING_RECORDED; readonly data: CrossingRecordedData }
  | { readonly type: typeof CROSSING_VOIDED; readonly data: CrossingVoidedData };

export const CROSSING_EVENT_TYPES: readonly CrossingEvent['type'][] = [CROSSING_RECORDED, CROSSING_VOIDED];

/** Stream of one crossing. */
export const crossingStream = (crossingId: string): string => `crossing-${crossingId}`;
