import {
  AGE_BANDS,
  CHANNELS,
  DIRECTIONS,
  ISO_COUNTRIES,
  PURPOSES,
  SEVERITIES,
  SEXES,
  TRAFFICKING_INDICATORS,
} from '@border-ledger/points-of-entry-domain';
import { SERVICES } from '@border-ledger/referrals-domain';
import { AGENCY_CODE } from '../agreement/agreement.validation';
import {
  CROSSING_RECORD,
  FLAG_STATUSES,
  OUTCOME_CATEGORIES,
  REFERRAL_RECORD,
  REFERRAL_STAGES,
  SCREENING_OUTCOME_RECORD,
  TRAFFICKING_FLAG_RECORD,
  TRAVEL_GROUPS,
  type RecordType,
} from '../records/records';

/** What a malformed value is refused as. */
export type ValueRefusal = 'code-malformed' | 'time-malformed';

/** A payload field: its JSON shape, and the check of its value with the refusal it gives. */
export interface FieldSpec {
  readonly shape: 'string' | 'boolean' | 'number' | 'strings';
  readonly value?: { readonly refusal: ValueRefusal; readonly valid: (value: never) => boolean };
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** An agreement ref: base64url of at least 128 bits (see `agreementRefs`). */
const REF = /^[A-Za-z0-9_-]{22,86}$/;
const POINT_OF_ENTRY = /^[A-Z]{2}-[A-Z0-9-]{2,40}$/;
const REASON_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const INDICATOR_CODES: readonly string[] = TRAFFICKING_INDICATORS.map((i) => i.code);

/** True for an ISO 8601 instant with its offset, e.g. `2026-11-23T08:55:00+07:00`. */
export const isInstant = (value: unknown): boolean => typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));

const code = (valid: (value: string) => boolean): FieldSpec['value'] => ({ refusal: 'code-malformed', valid: valid as (value: never) => boolean });
const among = (list: readonly string[]) => code((v) => list.includes(v));
const matches = (pattern: RegExp) => code((v) => pattern.test(v));
const str = (value?: FieldSpec['value']): FieldSpec => ({ shape: 'string', value });
const time: FieldSpec = { shape: 'string', value: { refusal: 'time-malformed', valid: isInstant as (value: never) => boolean } };
const ref = str(matches(REF));
const poe = str(matches(POINT_OF_ENTRY));
const country = str(among(ISO_COUNTRIES));
const ageBand = str(among(AGE_BANDS));
const flag: FieldSpec = { shape: 'boolean' };
const codesAmong = (list: readonly string[]): FieldSpec => ({
  shape: 'strings',
  value: { refusal: 'code-malformed', valid: ((values: readonly string[]) => values.every((v) => list.includes(v))) as (value: never) => boolean },
});

/** Every payload field of every record type, mandatory and optional (see `OPTIONAL_FIELDS`). */
export const PAYLOAD_FIELDS: { readonly [K in RecordType]: Readonly<Record<string, FieldSpec>> } = {
  [CROSSING_RECORD]: {
    crossingRef: ref,
    travellerRef: ref,
    direction: str(among(DIRECTIONS)),
    pointOfEntry: poe,
    pairedPointOfEntry: str(code((v) => v === '' || POINT_OF_ENTRY.test(v))),
    crossedAt: time,
    channel: str(among(CHANNELS)),
    purpose: str(among(PURPOSES)),
    nationality: country,
    sex: str(among(SEXES)),
    ageBand,
    travelGroup: str(among(TRAVEL_GROUPS)),
    voided: flag,
  },
  [SCREENING_OUTCOME_RECORD]: {
    crossingRef: ref,
    travellerRef: ref,
    pointOfEntry: poe,
    decidedAt: time,
    outcomeCategory: str(among(OUTCOME_CATEGORIES)),
    quarantineDays: { shape: 'number', value: { refusal: 'code-malformed', valid: ((v: number) => Number.isSafeInteger(v) && v >= 1 && v <= 365) as (value: never) => boolean } },
  },
  [TRAFFICKING_FLAG_RECORD]: {
    flagRef: ref,
    crossingRef: ref,
    travellerRef: ref,
    pointOfEntry: poe,
    observedAt: time,
    status: str(among(FLAG_STATUSES)),
    severity: str(among(SEVERITIES)),
    childProtection: flag,
    indicators: codesAmong(INDICATOR_CODES),
  },
  [REFERRAL_RECORD]: {
    referralRef: ref,
    stage: str(among(REFERRAL_STAGES)),
    fromAgency: str(matches(AGENCY_CODE)),
    toAgency: str(matches(AGENCY_CODE)),
    flagRef: ref,
    travellerRef: ref,
    services: codesAmong(SERVICES),
    reasonCode: str(matches(REASON_CODE)),
    at: time,
    ageBand,
    nationality: country,
  },
};

/** True when the value has the JSON shape. */
export function hasShape(value: unknown, shape: FieldSpec['shape']): boolean {
  switch (shape) {
    case 'string':
    case 'boolean':
    case 'number':
      return typeof value === shape;
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    default: {
      const unknownShape: never = shape;
      return unknownShape;
    }
  }
}
