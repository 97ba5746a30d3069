/** Record types of the exchange feed; the suffix is the version of the record type's meaning. */
export const CROSSING_RECORD = 'exchange.crossing.v1';
export const SCREENING_OUTCOME_RECORD = 'exchange.screening-outcome.v1';
export const TRAFFICKING_FLAG_RECORD = 'exchange.trafficking-flag.v1';
export const REFERRAL_RECORD = 'exchange.referral.v1';

export const RECORD_TYPES = [CROSSING_RECORD, SCREENING_OUTCOME_RECORD, TRAFFICKING_FLAG_RECORD, REFERRAL_RECORD] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** `schemaVersion` of every v1 record type. */
export const RECORD_SCHEMA_VERSION = 1;

export const TRAVEL_GROUPS = ['alone', 'child-with-guardian', 'unaccompanied-child', 'adult-with-group'] as const;
export type TravelGroup = (typeof TRAVEL_GROUPS)[number];

export const OUTCOME_CATEGORIES = ['cleared', 'quarantine', 'isolation', 'referral-for-care'] as const;
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number];

export const FLAG_STATUSES = ['raised', 'updated', 'closed', 'withdrawn'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

export const REFERRAL_STAGES = ['requested', 'acknowledged', 'accepted', 'declined', 'closed'] as const;
export type ReferralStage = (typeof REFERRAL_STAGES)[number];

/**
 * A crossing as shared with the other side. Refs are re-keyed per agreement; the optional fields
 * are present only when the agreement shares them. `pairedPointOfEntry` is empty for a point of
 * entry without a pair (airports).
 */
export interface SharedCrossing {
  readonly crossingRef: string;
  readonly travellerRef: string;
  readonly direction: 'entry' | 'exit';
  readonly pointOfEntry: string;
  readonly pairedPointOfEntry: string;
  readonly crossedAt: string;
  readonly channel?: string;
  readonly purpose?: string;
  readonly nationality?: string;
  readonly sex?: string;
  readonly ageBand?: string;
  readonly travelGroup?: TravelGroup;
  readonly voided: boolean;
}

/** The category of a screening outcome, never the clinical findings behind it. */
export interface SharedScreeningOutcome {
  readonly crossingRef: string;
  readonly travellerRef: string;
  readonly pointOfEntry: string;
  readonly decidedAt: string;
  readonly outcomeCategory: OutcomeCategory;
  /** Category `quarantine` only, and only when shared. */
  readonly quarantineDays?: number;
}

/** A trafficking flag or a change of its status; never the officer's note. */
export interface SharedTraffickingFlag {
  readonly flagRef: string;
  readonly crossingRef?: string;
  readonly travellerRef?: string;
  readonly pointOfEntry: string;
  readonly observedAt: string;
  readonly status: FlagStatus;
  readonly severity?: string;
  readonly childProtection: boolean;
  /** Empty when the agreement does not share indicators. */
  readonly indicators: readonly string[];
}

/** One stage of a referral across the border. */
export interface CrossBorderReferral {
  readonly referralRef: string;
  readonly stage: ReferralStage;
  readonly fromAgency: string;
  readonly toAgency: string;
  readonly flagRef?: string;
  readonly travellerRef?: string;
  readonly services: readonly string[];
  readonly reasonCode?: string;
  readonly at: string;
  readonly ageBand?: string;
  readonly nationality?: string;
}

/** Payload type of each record type. */
export interface PayloadOf {
  readonly [CROSSING_RECORD]: SharedCrossing;
  readonly [SCREENING_OUTCOME_RECORD]: SharedScreeningOutcome;
  readonly [TRAFFICKING_FLAG_RECORD]: SharedTraffickingFlag;
  readonly [REFERRAL_RECORD]: CrossBorderReferral;
}

/** Envelope metadata: it lives here, never in the payloads. */
export interface RecordEnvelope {
  readonly recordId: string;
  readonly agreementId: string;
  readonly agreementVersion: number;
  readonly senderAgency: string;
  readonly senderCountry: string;
  readonly schemaVersion: number;
  /** Re-keyed per agreement, like every other reference. */
  readonly correlationId: string;
  /** Re-keyed per agreement; empty when none. */
  readonly causationId: string;
  /** When the fact happened at the sender (ISO 8601). */
  readonly occurredAt: string;
  /** When the sender recorded it in its feed (ISO 8601). */
  readonly recordedAt: string;
}

/** The record type and its payload, discriminated by `recordType`. */
export type SharedBody = { [K in RecordType]: { readonly recordType: K; readonly payload: PayloadOf[K] } }[RecordType];

/** A record before the feed log places it (no `leafIndex` yet). */
export type SharedRecordDraft = RecordEnvelope & SharedBody;

/** A record placed in the agreement's feed log. */
export type SharedRecord = SharedRecordDraft & { readonly leafIndex: number };

/**
 * The optional payload fields of each record type: an agreement selects among these. The other
 * fields (refs, point of entry, time, status, stage) always go.
 */
export const OPTIONAL_FIELDS = {
  [CROSSING_RECORD]: ['channel', 'purpose', 'nationality', 'sex', 'ageBand', 'travelGroup'],
  [SCREENING_OUTCOME_RECORD]: ['quarantineDays'],
  [TRAFFICKING_FLAG_RECORD]: ['crossingRef', 'travellerRef', 'severity', 'indicators'],
  [REFERRAL_RECORD]: ['flagRef', 'travellerRef', 'reasonCode', 'ageBand', 'nationality'],
} as const satisfies { readonly [K in RecordType]: readonly (keyof PayloadOf[K])[] };

/** The fields every record of the type carries, whatever the agreement. */
export const MANDATORY_FIELDS = {
  [CROSSING_RECORD]: ['crossingRef', 'travellerRef', 'direction', 'pointOfEntry', 'pairedPointOfEntry', 'crossedAt', 'voided'],
  [SCREENING_OUTCOME_RECORD]: ['crossingRef', 'travellerRef', 'pointOfEntry', 'decidedAt', 'outcomeCategory'],
  [TRAFFICKING_FLAG_RECORD]: ['flagRef', 'pointOfEntry', 'observedAt', 'status', 'childProtection', 'indicators'],
  [REFERRAL_RECORD]: ['referralRef', 'stage', 'fromAgency', 'toAgency', 'services', 'at'],
} as const satisfies { readonly [K in RecordType]: readonly (keyof PayloadOf[K])[] };

export type OptionalField<K extends RecordType> = (typeof OPTIONAL_FIELDS)[K][number];

export const isRecordType = (value: unknown): value is RecordType => (RECORD_TYPES as readonly unknown[]).includes(value);
