import {
  findPointOfEntry,
  isChild,
  type CrossingRecordedData,
  type OutcomeDecidedData,
} from '@border-ledger/points-of-entry-domain';
import type { CROSSING_RECORD, SCREENING_OUTCOME_RECORD, SharedCrossing, SharedScreeningOutcome, TravelGroup } from '../records/records';
import type { MinimiseRefs, Selection, TravellerSubject } from './minimise.types';

/** `{ [field]: value }` when the agreement selects the field and there is a value; `{}` otherwise. */
export function selected<F extends string, G extends F, V>(selection: ReadonlySet<F>, field: G, value: V | undefined): { [P in G]?: V } {
  return selection.has(field) && value !== undefined ? ({ [field]: value } as { [P in G]?: V }) : {};
}

/**
 * The traveller's ref in the agreement's space. A crossing without a known person (an irregular
 * crossing detected without a document, or an erased identity) gets a ref of its own that links
 * to nothing, so that it still counts without claiming who it was.
 */
export function travellerRefFor(refs: MinimiseRefs, subject: TravellerSubject & { readonly crossingId: string }): string {
  return knownTravellerRef(refs, subject) ?? refs.ref('unidentified-traveller', subject.crossingId);
}

/** The traveller's agreement ref when the caller knows the person, else undefined. */
export function knownTravellerRef(refs: MinimiseRefs, subject: TravellerSubject): string | undefined {
  const ref = refs.travellerRef(subject);
  // The node's own hash must never leave: a port that hands it back is a wiring error.
  if (ref !== undefined && ref === subject.nodeTravellerRef) throw new Error('The node traveller ref was offered as an agreement ref');
  return ref;
}

/**
 * Who the traveller crossed with, from the crossing's own data. A child recorded with neither a
 * guardian nor "unaccompanied" (allowed before that rule existed) counts as unaccompanied: the
 * protective reading.
 */
export function travelGroupOf(data: CrossingRecordedData): TravelGroup {
  if (data.unaccompanied) return 'unaccompanied-child';
  if (data.guardianCrossingId !== undefined) return 'child-with-guardian';
  if (isChild(data.ageBand)) return 'unaccompanied-child';
  return data.groupId !== undefined ? 'adult-with-group' : 'alone';
}

/** A crossing (recorded, or voided when `voided`) as the agreement shares it. */
export function sharedCrossing(
  data: CrossingRecordedData,
  crossedAt: string,
  voided: boolean,
  selection: Selection<typeof CROSSING_RECORD>,
  refs: MinimiseRefs,
): SharedCrossing {
  return {
    crossingRef: refs.ref('crossing', data.crossingId),
    travellerRef: travellerRefFor(refs, { crossingId: data.crossingId, nodeTravellerRef: data.travellerRef }),
    direction: data.direction,
    pointOfEntry: data.pointOfEntry,
    pairedPointOfEntry: findPointOfEntry(data.pointOfEntry)?.pairedWith ?? '',
    crossedAt,
    ...selected(selection, 'channel', data.channel),
    ...selected(selection, 'purpose', data.purpose),
    ...selected(selection, 'nationality', data.nationality),
    ...selected(selection, 'sex', data.sex),
    ...selected(selection, 'ageBand', data.ageBand),
    ...selected(selection, 'travelGroup', travelGroupOf(data)),
    voided,
  };
}

/** A screening outcome: its category (and quarantine days), never the findings or the reasons. */
export function sharedScreeningOutcome(
  data: OutcomeDecidedData,
  decidedAt: string,
  pointOfEntry: string,
  selection: Selection<typeof SCREENING_OUTCOME_RECORD>,
  refs: MinimiseRefs,
): SharedScreeningOutcome {
  const { outcome } = data;
  return {
    crossingRef: refs.ref('crossing', data.crossingId),
    travellerRef: travellerRefFor(refs, { crossingId: data.crossingId }),
    pointOfEntry,
    decidedAt,
    outcomeCategory: outcome.category,
    ...selected(selection, 'quarantineDays', outcome.category === 'quarantine' ? outcome.days : undefined),
  };
}
