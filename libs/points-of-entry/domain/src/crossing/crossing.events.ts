import type { AgeBand, Channel, Direction, Purpose, Sex } from '../reference/codes';
import type { VisaType } from './crossing.codes';

/** Border pass details: the area (province or district) it is valid in, and for how many days. */
export interface BorderPassDetails {
  readonly area: string;
  readonly validDays: number;
}

/**
 * Personal data sealed under the traveller's own key (AES-256-GCM): the key id names the key in
 * the node's vault, outside the log. Destroying the key erases this everywhere the event went.
 */
export interface SealedIdentity {
  readonly keyId: string;
  readonly algorithm: 'AES-256-GCM';
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
}

/**
 * What a border officer records about one crossing. No names, document numbers or dates of
 * birth in clear. The fields after `ageBand` were added later and are optional: events recorded
 * before them are still valid `v1`, and consumers that ignore them keep working.
 */
export interface CrossingRecordedData {
  readonly crossingId: string;
  readonly pointOfEntry: string;
  readonly direction: Direction;
  readonly channel: Channel;
  readonly purpose: Purpose;
  readonly nationality: string;
  readonly sex: Sex;
  readonly ageBand: AgeBand;
  /** Channel `border-pass` only. */
  readonly borderPass?: BorderPassDetails;
  /** Channel `passport-visa` only. */
  readonly visaType?: VisaType;
  /** People crossing together share a group id (chosen by the client). */
  readonly groupId?: string;
  /** A child's crossing: the crossing of the adult the child travels with. */
  readonly guardianCrossingId?: string;
  /** A child's crossing: the child travels without a guardian. */
  readonly unaccompanied?: true;
  /** Keyed hash of document type, number and nationality: links repeat crossings on this node. */
  readonly travellerRef?: string;
  readonly identity?: SealedIdentity;
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
