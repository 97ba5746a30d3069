import {
  assertNever,
  TRAFFICKING_FLAG_CLOSED,
  TRAFFICKING_FLAG_INDICATORS_ADDED,
  TRAFFICKING_FLAG_RAISED,
  TRAFFICKING_FLAG_WITHDRAWN,
  type FlagEvent,
  type FlagRecord,
} from '@border-ledger/points-of-entry-domain';
import {
  CROSS_BORDER_SHARE_ACCEPTED,
  CROSS_BORDER_SHARE_ACKNOWLEDGED,
  CROSS_BORDER_SHARE_CLOSED,
  CROSS_BORDER_SHARE_DECLINED,
  CROSS_BORDER_SHARE_REQUESTED,
  type ReferralEvent,
} from '@border-ledger/referrals-domain';
import type { AgreementTerms } from '../agreement/agreement.types';
import type {
  CrossBorderReferral,
  FlagStatus,
  REFERRAL_RECORD,
  ReferralStage,
  SharedTraffickingFlag,
  TRAFFICKING_FLAG_RECORD,
} from '../records/records';
import { knownTravellerRef, selected } from './minimise.crossing';
import { MissingContext, type MinimiseContext, type MinimiseRefs, type Selection } from './minimise.types';

/** A flag as the agreement shares it; null when it would name neither a crossing nor a person. */
export function sharedFlag(
  event: FlagEvent,
  occurredAt: string,
  context: MinimiseContext,
  selection: Selection<typeof TRAFFICKING_FLAG_RECORD>,
  refs: MinimiseRefs,
): SharedTraffickingFlag | null {
  const { flag, status, observedAt } = flagView(event, occurredAt, context);
  const crossingId = flag.subject.kind === 'crossing' ? flag.subject.id : undefined;
  const crossingRef = crossingId === undefined ? undefined : refs.ref('crossing', crossingId);
  const travellerRef = crossingId === undefined ? undefined : knownTravellerRef(refs, { crossingId });
  const links = { ...selected(selection, 'crossingRef', crossingRef), ...selected(selection, 'travellerRef', travellerRef) };
  if (Object.keys(links).length === 0) return null;
  return {
    flagRef: refs.ref('flag', flag.flagId),
    ...links,
    pointOfEntry: flag.pointOfEntry,
    observedAt,
    status,
    ...selected(selection, 'severity', flag.severity),
    childProtection: flag.childProtection,
    indicators: selection.has('indicators') ? [...flag.indicators] : [],
  };
}

/** The flag after the event; the note id stays behind because nothing below reads it. */
function flagView(event: FlagEvent, occurredAt: string, context: MinimiseContext): { flag: FlagRecord; status: FlagStatus; observedAt: string } {
  switch (event.type) {
    case TRAFFICKING_FLAG_RAISED:
      return { flag: event.data, status: 'raised', observedAt: event.data.observedAt };
    case TRAFFICKING_FLAG_INDICATORS_ADDED: {
      const { indicators, severity, childProtection } = event.data;
      return { flag: { ...prior(event, context), indicators, severity, childProtection }, status: 'updated', observedAt: occurredAt };
    }
    case TRAFFICKING_FLAG_CLOSED:
      return { flag: prior(event, context), status: 'closed', observedAt: occurredAt };
    case TRAFFICKING_FLAG_WITHDRAWN:
      return { flag: prior(event, context), status: 'withdrawn', observedAt: occurredAt };
    default:
      return assertNever(event);
  }
}

function prior(event: FlagEvent, context: MinimiseContext): FlagRecord {
  if (context.flag === undefined) throw new MissingContext(event.type, 'flag');
  if (context.flag.flagId !== event.data.flagId) throw new Error(`context.flag is ${context.flag.flagId}, the event is of ${event.data.flagId}`);
  return context.flag;
}

/** The events of a referral that go across the border: its share lifecycle. */
export type ShareEvent = Extract<
  ReferralEvent,
  {
    readonly type:
      | typeof CROSS_BORDER_SHARE_REQUESTED
      | typeof CROSS_BORDER_SHARE_ACKNOWLEDGED
      | typeof CROSS_BORDER_SHARE_ACCEPTED
      | typeof CROSS_BORDER_SHARE_DECLINED
      | typeof CROSS_BORDER_SHARE_CLOSED;
  }
>;

/**
 * One stage of a cross-border referral; null when it goes to a country that is not the other
 * party of the agreement. Returns the referral's point of entry too, for the agreement's limits.
 */
export function sharedReferral(
  event: ShareEvent,
  context: MinimiseContext,
  terms: AgreementTerms,
  senderAgency: string,
  selection: Selection<typeof REFERRAL_RECORD>,
  refs: MinimiseRefs,
): { readonly payload: CrossBorderReferral; readonly pointOfEntry: string } | null {
  const referral = context.referral;
  if (referral === undefined) throw new MissingContext(event.type, 'referral');
  const { stage, toCountry, at, reasonCode } = shareView(event, referral.toCountry);
  const to = terms.parties.find((party) => party.country === toCountry && party.agency !== senderAgency);
  if (to === undefined) return null;
  const travellerRef = referral.crossingId === undefined ? undefined : knownTravellerRef(refs, { crossingId: referral.crossingId });
  const payload: CrossBorderReferral = {
    referralRef: refs.ref('referral', event.data.referralId),
    stage,
    fromAgency: senderAgency,
    toAgency: to.agency,
    ...selected(selection, 'flagRef', refs.ref('flag', referral.flagId)),
    ...selected(selection, 'travellerRef', travellerRef),
    services: [referral.service],
    ...selected(selection, 'reasonCode', reasonCode),
    at,
    ...selected(selection, 'ageBand', referral.ageBand),
    ...selected(selection, 'nationality', referral.nationality),
  };
  return { payload, pointOfEntry: referral.pointOfEntry };
}

function shareView(event: ShareEvent, toCountry: string | undefined): { stage: ReferralStage; toCountry?: string; at: string; reasonCode?: string } {
  switch (event.type) {
    case CROSS_BORDER_SHARE_REQUESTED:
      return { stage: 'requested', toCountry: event.data.toCountry, at: event.data.requestedAt };
    case CROSS_BORDER_SHARE_ACKNOWLEDGED:
      return { stage: 'acknowledged', toCountry, at: event.data.at };
    case CROSS_BORDER_SHARE_ACCEPTED:
      return { stage: 'accepted', toCountry, at: event.data.at };
    case CROSS_BORDER_SHARE_DECLINED:
      return { stage: 'declined', toCountry, at: event.data.at, reasonCode: event.data.reason };
    case CROSS_BORDER_SHARE_CLOSED:
      return { stage: 'closed', toCountry, at: event.data.at };
    default:
      return assertNever(event);
  }
}
