import {
  assertNever,
  CROSSING_RECORDED,
  CROSSING_VOIDED,
  FLAG_EVENT_TYPES,
  SCREENING_OUTCOME_DECIDED,
  type CrossingEvent,
  type FlagEvent,
  type OutcomeDecidedData,
} from '@border-ledger/points-of-entry-domain';
import {
  CROSS_BORDER_SHARE_ACCEPTED,
  CROSS_BORDER_SHARE_ACKNOWLEDGED,
  CROSS_BORDER_SHARE_CLOSED,
  CROSS_BORDER_SHARE_DECLINED,
  CROSS_BORDER_SHARE_REQUESTED,
} from '@border-ledger/referrals-domain';
import { agreementInForce, revokedBy } from '../agreement/agreement.in-force';
import type { AgreementState, AgreementTerms } from '../agreement/agreement.types';
import {
  CROSSING_RECORD,
  RECORD_SCHEMA_VERSION,
  REFERRAL_RECORD,
  SCREENING_OUTCOME_RECORD,
  TRAFFICKING_FLAG_RECORD,
  type OptionalField,
  type RecordType,
  type SharedBody,
  type SharedRecordDraft,
} from '../records/records';
import { sharedFlag, sharedReferral, type ShareEvent } from './minimise.cases';
import { sharedCrossing, sharedScreeningOutcome } from './minimise.crossing';
import { MissingContext, type MinimiseContext, type MinimiseMeta, type MinimiseRefs, type SourceEvent } from './minimise.types';

/** The node's events that can be shared, by the record type they become. */
type Shareable =
  | { readonly recordType: typeof CROSSING_RECORD; readonly event: CrossingEvent }
  | { readonly recordType: typeof SCREENING_OUTCOME_RECORD; readonly event: { readonly type: typeof SCREENING_OUTCOME_DECIDED; readonly data: OutcomeDecidedData } }
  | { readonly recordType: typeof TRAFFICKING_FLAG_RECORD; readonly event: FlagEvent }
  | { readonly recordType: typeof REFERRAL_RECORD; readonly event: ShareEvent };

const SHARE_TYPES: readonly string[] = [
  CROSS_BORDER_SHARE_REQUESTED,
  CROSS_BORDER_SHARE_ACKNOWLEDGED,
  CROSS_BORDER_SHARE_ACCEPTED,
  CROSS_BORDER_SHARE_DECLINED,
  CROSS_BORDER_SHARE_CLOSED,
];
const FLAG_TYPES: readonly string[] = FLAG_EVENT_TYPES;

/** Which record a stored event becomes, or null for events that never leave (health findings, notes, internal steps). */
export function shareableOf(source: Pick<SourceEvent, 'type' | 'data'>): Shareable | null {
  const event = source as never;
  if (source.type === CROSSING_RECORDED || source.type === CROSSING_VOIDED) return { recordType: CROSSING_RECORD, event };
  if (source.type === SCREENING_OUTCOME_DECIDED) return { recordType: SCREENING_OUTCOME_RECORD, event };
  if (FLAG_TYPES.includes(source.type)) return { recordType: TRAFFICKING_FLAG_RECORD, event };
  if (SHARE_TYPES.includes(source.type)) return { recordType: REFERRAL_RECORD, event };
  return null;
}

/**
 * The record an agreement shares for a stored event, or null when the agreement does not cover
 * it: an event that never leaves, a record type the agreement does not list, an agreement not in
 * force when the event occurred (or revoked by `meta.recordedAt`), a sender that is not a party,
 * a point of entry outside the agreement's list, a flag that would name neither crossing nor
 * person, a referral to a country that is not the other party. Only the optional fields the
 * agreement selects are filled; identities, notes, free text and clinical details never are.
 *
 * @throws MissingContext when the event needs a fact from `context` that the caller left out.
 */
export function minimise(
  source: SourceEvent,
  agreement: AgreementState,
  refs: MinimiseRefs,
  meta: MinimiseMeta,
  context: MinimiseContext = {},
): SharedRecordDraft | null {
  const shareable = shareableOf(source);
  if (shareable === null) return null;
  const inForce = agreementInForce(agreement, source.occurredAt);
  if (inForce === null || revokedBy(agreement, meta.recordedAt)) return null;
  const { terms } = inForce;
  if (!terms.parties.some((p) => p.agency === meta.senderAgency && p.country === meta.senderCountry)) return null;
  const shared = body(shareable, source, context, terms, meta, refs);
  if (shared === null) return null;
  if (terms.pointsOfEntry !== undefined && !terms.pointsOfEntry.includes(shared.pointOfEntry)) return null;
  return {
    recordId: meta.recordId,
    agreementId: terms.agreementId,
    agreementVersion: inForce.version,
    senderAgency: meta.senderAgency,
    senderCountry: meta.senderCountry,
    schemaVersion: RECORD_SCHEMA_VERSION,
    // Internal ids are re-keyed too: a shared correlation id would link records across agreements.
    correlationId: refs.ref('correlation', source.metadata.correlationId),
    causationId: refs.ref('event', source.eventId),
    occurredAt: source.occurredAt,
    recordedAt: meta.recordedAt,
    ...shared.body,
  };
}

function body(
  shareable: Shareable,
  source: SourceEvent,
  context: MinimiseContext,
  terms: AgreementTerms,
  meta: MinimiseMeta,
  refs: MinimiseRefs,
): { readonly body: SharedBody; readonly pointOfEntry: string } | null {
  switch (shareable.recordType) {
    case CROSSING_RECORD: {
      const selection = selectionOf(terms, CROSSING_RECORD);
      if (selection === null) return null;
      const { event } = shareable;
      const crossing = event.type === CROSSING_RECORDED ? { data: event.data, occurredAt: source.occurredAt } : voidedCrossing(event, context);
      const payload = sharedCrossing(crossing.data, crossing.occurredAt, event.type === CROSSING_VOIDED, selection, refs);
      return { body: { recordType: CROSSING_RECORD, payload }, pointOfEntry: payload.pointOfEntry };
    }
    case SCREENING_OUTCOME_RECORD: {
      const selection = selectionOf(terms, SCREENING_OUTCOME_RECORD);
      if (selection === null) return null;
      if (context.pointOfEntry === undefined) throw new MissingContext(source.type, 'pointOfEntry');
      const payload = sharedScreeningOutcome(shareable.event.data, source.occurredAt, context.pointOfEntry, selection, refs);
      return { body: { recordType: SCREENING_OUTCOME_RECORD, payload }, pointOfEntry: payload.pointOfEntry };
    }
    case TRAFFICKING_FLAG_RECORD: {
      const selection = selectionOf(terms, TRAFFICKING_FLAG_RECORD);
      const payload = selection && sharedFlag(shareable.event, source.occurredAt, context, selection, refs);
      return payload ? { body: { recordType: TRAFFICKING_FLAG_RECORD, payload }, pointOfEntry: payload.pointOfEntry } : null;
    }
    case REFERRAL_RECORD: {
      const selection = selectionOf(terms, REFERRAL_RECORD);
      const shared = selection && sharedReferral(shareable.event, context, terms, meta.senderAgency, selection, refs);
      return shared ? { body: { recordType: REFERRAL_RECORD, payload: shared.payload }, pointOfEntry: shared.pointOfEntry } : null;
    }
    default:
      return assertNever(shareable);
  }
}

function voidedCrossing(event: Extract<CrossingEvent, { type: typeof CROSSING_VOIDED }>, context: MinimiseContext): NonNullable<MinimiseContext['crossing']> {
  if (context.crossing === undefined) throw new MissingContext(event.type, 'crossing');
  if (context.crossing.data.crossingId !== event.data.crossingId) {
    throw new Error(`context.crossing is ${context.crossing.data.crossingId}, the event voids ${event.data.crossingId}`);
  }
  return context.crossing;
}

/** The fields an agreement version selects for a record type, or null when it does not share the type. */
export function selectionOf<K extends RecordType>(terms: AgreementTerms, recordType: K): ReadonlySet<OptionalField<K>> | null {
  const records = terms.records as { readonly [T in RecordType]?: { readonly fields: readonly OptionalField<T>[] } };
  const selection = records[recordType];
  return selection === undefined ? null : new Set(selection.fields);
}
