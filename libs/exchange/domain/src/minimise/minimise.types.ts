import type { AgeBand, CrossingRecordedData, FlagRecord } from '@border-ledger/points-of-entry-domain';
import type { ReferralOpenedData } from '@border-ledger/referrals-domain';
import type { OptionalField, RecordType } from '../records/records';
import type { RefKind } from '../refs/agreement-refs';

/** A stored event of the node, as the event store hands it out. */
export interface SourceEvent {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly data: unknown;
  /** When it happened in the world (ISO 8601). */
  readonly occurredAt: string;
  readonly metadata: { readonly correlationId: string; readonly causationId?: string | null };
}

/** Whom a traveller ref is asked for: the caller finds and unseals the identity behind it. */
export interface TravellerSubject {
  readonly crossingId?: string;
  /** The node's own keyed hash; never shared, only a key for the caller's lookup. */
  readonly nodeTravellerRef?: string;
}

/**
 * The caller's port to the agreement's ref space (see `agreementRefs`). `travellerRef` answers the
 * agreement ref of the person (computed from the unsealed document), or undefined when unknown or
 * erased.
 */
export interface MinimiseRefs {
  travellerRef(subject: TravellerSubject): string | undefined;
  ref(kind: RefKind, internalId: string): string;
}

/** Envelope values the caller chooses: ids and time are inputs. */
export interface MinimiseMeta {
  readonly recordId: string;
  readonly senderAgency: string;
  readonly senderCountry: string;
  /** When the record goes into the feed (ISO 8601). */
  readonly recordedAt: string;
}

/** What a referral's share events do not carry: the caller folds it from the referral stream. */
export interface ReferralInContext extends Pick<ReferralOpenedData, 'flagId' | 'service' | 'pointOfEntry'> {
  /** The country the share went to (from the share-requested event); needed for the later stages. */
  readonly toCountry?: string;
  /** The crossing the flag behind the referral was raised on, when there is one. */
  readonly crossingId?: string;
  readonly ageBand?: AgeBand;
  readonly nationality?: string;
}

/**
 * Facts the event itself does not carry, supplied by the caller from the streams it folds:
 * `crossing` (the recorded crossing and when it happened) for a void, `pointOfEntry` (of the
 * crossing) for a screening outcome, `flag` (the flag before the event) for a flag's later events,
 * `referral` for a referral's share events.
 */
export interface MinimiseContext {
  readonly crossing?: { readonly data: CrossingRecordedData; readonly occurredAt: string };
  readonly pointOfEntry?: string;
  readonly flag?: FlagRecord;
  readonly referral?: ReferralInContext;
}

/** The optional fields an agreement version selects for one record type. */
export type Selection<K extends RecordType> = ReadonlySet<OptionalField<K>>;

/** Thrown when the caller left out a fact the event needs (a wiring error, not a coverage question). */
export class MissingContext extends Error {
  constructor(eventType: string, what: keyof MinimiseContext) {
    super(`Minimising ${eventType} needs context.${what}`);
    this.name = 'MissingContext';
  }
}
