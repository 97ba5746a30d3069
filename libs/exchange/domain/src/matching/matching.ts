import { assertNever, CHILD_AGE_BANDS, findPointOfEntry } from '@border-ledger/points-of-entry-domain';
import {
  CROSSING_RECORD,
  REFERRAL_RECORD,
  SCREENING_OUTCOME_RECORD,
  TRAFFICKING_FLAG_RECORD,
  type OutcomeCategory,
  type SharedCrossing,
  type SharedRecordDraft,
} from '../records/records';

/**
 * A crossing seen on either feed, in the agreement's ref space; `pairedPointOfEntry` is where the
 * traveller is expected next (empty when none).
 */
export interface CrossingSeen extends Pick<SharedCrossing, 'crossingRef' | 'travellerRef' | 'direction' | 'pointOfEntry' | 'pairedPointOfEntry' | 'crossedAt'> {
  readonly child: boolean;
  /** When the record could first have been seen: the later of the crossing and its recording (ms). */
  readonly availableAt: number;
}

/**
 * What matching knows, folded from the shared records of both sides of one agreement (outgoing
 * and incoming alike). Records may arrive in any order: everything is kept by ref and joined when
 * asked, so an entry seen before its exit, or a flag after it, still counts.
 */
export interface MatchingState {
  readonly crossings: ReadonlyMap<string, CrossingSeen>;
  /** Crossing refs of voided crossings (a void may arrive before the crossing). */
  readonly voided: ReadonlySet<string>;
  /** Crossing refs by traveller ref. */
  readonly byTraveller: ReadonlyMap<string, readonly string[]>;
  /** Flags on a crossing, by flag ref; a withdrawn flag no longer counts. */
  readonly flags: ReadonlyMap<string, { readonly crossingRef: string; readonly withdrawn: boolean }>;
  /** Screening outcome category by crossing ref. */
  readonly outcomes: ReadonlyMap<string, OutcomeCategory>;
}

export const initialMatchingState: MatchingState = {
  crossings: new Map(),
  voided: new Set(),
  byTraveller: new Map(),
  flags: new Map(),
  outcomes: new Map(),
};

/** Folds one shared record (own or partner's) into the matching state. */
export function evolveMatching(state: MatchingState, record: SharedRecordDraft): MatchingState {
  const copy = newMatchingState(state);
  foldMatching(copy, record);
  return copy;
}

/** A matching state its owner may fold into in place (see {@link foldMatching}). */
export interface OwnedMatchingState extends MatchingState {
  readonly crossings: Map<string, CrossingSeen>;
  readonly voided: Set<string>;
  readonly byTraveller: Map<string, readonly string[]>;
  readonly flags: Map<string, { readonly crossingRef: string; readonly withdrawn: boolean }>;
  readonly outcomes: Map<string, OutcomeCategory>;
}

/** A state of its own (a copy of `from`, or empty). */
export function newMatchingState(from: MatchingState = initialMatchingState): OwnedMatchingState {
  return {
    crossings: new Map(from.crossings),
    voided: new Set(from.voided),
    byTraveller: new Map(from.byTraveller),
    flags: new Map(from.flags),
    outcomes: new Map(from.outcomes),
  };
}

/**
 * {@link evolveMatching} in place, for a caller that owns the state (a long-lived service): the
 * same facts, without copying maps that grow with the feed for every record.
 */
export function foldMatching(state: OwnedMatchingState, record: SharedRecordDraft): void {
  switch (record.recordType) {
    case CROSSING_RECORD:
      if (record.payload.voided) state.voided.add(record.payload.crossingRef);
      else addCrossing(state, record.payload, record.recordedAt);
      return;
    case SCREENING_OUTCOME_RECORD:
      state.outcomes.set(record.payload.crossingRef, record.payload.outcomeCategory);
      return;
    case TRAFFICKING_FLAG_RECORD: {
      const { flagRef, crossingRef, status } = record.payload;
      const on = crossingRef ?? state.flags.get(flagRef)?.crossingRef;
      if (on !== undefined) state.flags.set(flagRef, { crossingRef: on, withdrawn: status === 'withdrawn' });
      return;
    }
    case REFERRAL_RECORD:
      return;
    default:
      return assertNever(record);
  }
}

function addCrossing(state: OwnedMatchingState, crossing: SharedCrossing, recordedAt: string): void {
  if (state.crossings.has(crossing.crossingRef)) return;
  const seen: CrossingSeen = {
    crossingRef: crossing.crossingRef,
    travellerRef: crossing.travellerRef,
    direction: crossing.direction,
    pointOfEntry: crossing.pointOfEntry,
    pairedPointOfEntry: findPointOfEntry(crossing.pointOfEntry)?.pairedWith ?? crossing.pairedPointOfEntry,
    crossedAt: crossing.crossedAt,
    child: isChildCrossing(crossing),
    availableAt: Math.max(Date.parse(crossing.crossedAt), Date.parse(recordedAt)),
  };
  state.crossings.set(seen.crossingRef, seen);
  state.byTraveller.set(crossing.travellerRef, [...(state.byTraveller.get(crossing.travellerRef) ?? []), seen.crossingRef]);
}

/** A child by travel group or age band, as far as the agreement shares either. */
function isChildCrossing(crossing: SharedCrossing): boolean {
  if (crossing.travelGroup === 'child-with-guardian' || crossing.travelGroup === 'unaccompanied-child') return true;
  return crossing.ageBand !== undefined && (CHILD_AGE_BANDS as readonly string[]).includes(crossing.ageBand);
}
