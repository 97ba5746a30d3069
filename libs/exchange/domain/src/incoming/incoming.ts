import { assertNever, findPointOfEntry, ISO_COUNTRIES } from '@border-ledger/points-of-entry-domain';
import { agreementInForce, agreementVersion, revokedBy } from '../agreement/agreement.in-force';
import type { AgreementState, AgreementTerms, AgreementVersion } from '../agreement/agreement.types';
import {
  CROSSING_RECORD,
  isRecordType,
  MANDATORY_FIELDS,
  OPTIONAL_FIELDS,
  RECORD_SCHEMA_VERSION,
  REFERRAL_RECORD,
  SCREENING_OUTCOME_RECORD,
  TRAFFICKING_FLAG_RECORD,
  type SharedBody,
  type SharedRecordDraft,
} from '../records/records';
import { hasShape, isInstant, PAYLOAD_FIELDS, type ValueRefusal } from './incoming.fields';

/** Why a received record is refused; stable codes for metrics and the quarantine topic. */
export type IncomingRefusal =
  | 'envelope-malformed'
  | 'schema-version-unsupported'
  | 'record-type-unknown'
  | 'sender-unexpected'
  | 'agreement-unknown'
  | 'agreement-version-unknown'
  | 'sender-not-a-party'
  | 'agreement-not-in-force'
  | 'agreement-revoked'
  | 'record-type-not-covered'
  | 'payload-does-not-match-record-type'
  | 'field-out-of-agreement'
  | 'point-of-entry-not-covered'
  | 'payload-inconsistent'
  | ValueRefusal;

/** The outcome of {@link checkIncoming}: the agreement version that covers the record, or why none does. */
export type IncomingCheck =
  | { readonly ok: true; readonly version: AgreementVersion }
  | { readonly ok: false; readonly reason: { readonly code: IncomingRefusal; readonly message: string } };

/** Who may send on the topic the record came from. */
export interface ExpectedSender {
  readonly senderAgency: string;
  readonly senderCountry: string;
}

class Refused extends Error {
  constructor(readonly code: IncomingRefusal, message: string) {
    super(message);
  }
}
const refuse = (code: IncomingRefusal, message: string): never => {
  throw new Refused(code, message);
};

/**
 * Checks a record received from a partner against the agreement it names: the sender is the
 * topic's expected sender and a party; the version is known and was the one in force when the
 * record occurred, and the agreement was not revoked by the time it was recorded; the record type
 * is shared; the payload has the fields of its record type and no optional field the version does
 * not share ("out of agreement"); codes and times are well-formed. Never throws.
 */
export function checkIncoming(record: SharedRecordDraft, agreement: AgreementState, expected: ExpectedSender): IncomingCheck {
  try {
    return { ok: true, version: check(record, agreement, expected) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: { code: error.code, message: error.message } };
    throw error;
  }
}

function check(record: SharedRecordDraft, agreement: AgreementState, expected: ExpectedSender): AgreementVersion {
  checkEnvelope(record);
  if (!isRecordType(record.recordType)) refuse('record-type-unknown', `Unknown record type ${String(record.recordType).slice(0, 60)}`);
  if (record.senderAgency !== expected.senderAgency || record.senderCountry !== expected.senderCountry) {
    refuse('sender-unexpected', `${record.senderAgency} (${record.senderCountry}) is not the sender of this feed, ${expected.senderAgency} (${expected.senderCountry})`);
  }
  if (agreement.status === 'none' || agreement.agreementId !== record.agreementId) refuse('agreement-unknown', `No agreement ${record.agreementId}`);
  const version = agreementVersion(agreement, record.agreementVersion) ?? refuse('agreement-version-unknown', `No version ${record.agreementVersion} of ${record.agreementId}`);
  const { terms } = version;
  if (!terms.parties.some((p) => p.agency === record.senderAgency && p.country === record.senderCountry)) {
    refuse('sender-not-a-party', `${record.senderAgency} is not a party of ${record.agreementId}`);
  }
  if (revokedBy(agreement, record.recordedAt)) refuse('agreement-revoked', `${record.agreementId} was revoked before ${record.recordedAt}`);
  if (agreementInForce(agreement, record.occurredAt)?.version !== record.agreementVersion) {
    refuse('agreement-not-in-force', `Version ${record.agreementVersion} of ${record.agreementId} was not in force at ${record.occurredAt}`);
  }
  const selection = terms.records[record.recordType];
  if (selection === undefined) refuse('record-type-not-covered', `${record.agreementId} does not share ${record.recordType}`);
  checkPayload(record, selection?.fields ?? []);
  checkConsistency(record, terms);
  return version;
}

function checkEnvelope(record: SharedRecordDraft): void {
  const ids = { recordId: record.recordId, agreementId: record.agreementId, senderAgency: record.senderAgency, correlationId: record.correlationId };
  for (const [name, value] of Object.entries(ids)) {
    if (typeof value !== 'string' || value.length === 0 || value.length > 128) refuse('envelope-malformed', `${name} must be a non-empty string`);
  }
  if (typeof record.causationId !== 'string') refuse('envelope-malformed', 'causationId must be a string (empty when none)');
  if (!Number.isSafeInteger(record.agreementVersion) || record.agreementVersion < 1) refuse('envelope-malformed', 'agreementVersion must be a positive integer');
  if (record.schemaVersion !== RECORD_SCHEMA_VERSION) refuse('schema-version-unsupported', `Schema version ${record.schemaVersion} is not ${RECORD_SCHEMA_VERSION}`);
  if (!ISO_COUNTRIES.includes(record.senderCountry)) refuse('code-malformed', `senderCountry ${record.senderCountry} is not ISO 3166-1 alpha-2`);
  if (!isInstant(record.occurredAt) || !isInstant(record.recordedAt)) refuse('time-malformed', 'occurredAt and recordedAt must be ISO 8601 instants with an offset');
}

function checkPayload(record: SharedRecordDraft, shared: readonly string[]): void {
  const payload: unknown = record.payload;
  const type = record.recordType;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) refuse('payload-does-not-match-record-type', `${type} needs an object payload`);
  const fields = payload as Readonly<Record<string, unknown>>;
  const specs = PAYLOAD_FIELDS[type];
  for (const name of Object.keys(fields)) {
    if (specs[name] === undefined) refuse('payload-does-not-match-record-type', `${type} has no field ${name}`);
  }
  for (const name of MANDATORY_FIELDS[type] as readonly string[]) {
    if (fields[name] === undefined) refuse('payload-does-not-match-record-type', `${type} needs ${name}`);
  }
  for (const [name, value] of Object.entries(fields)) {
    if (!hasShape(value, specs[name].shape)) refuse('payload-does-not-match-record-type', `${type}.${name} must be ${specs[name].shape}`);
  }
  for (const name of OPTIONAL_FIELDS[type] as readonly string[]) {
    if (shared.includes(name)) continue;
    const value = fields[name];
    // `indicators` always travels, empty when not shared.
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) {
      refuse('field-out-of-agreement', `${record.agreementId} v${record.agreementVersion} does not share ${type}.${name}`);
    }
  }
  for (const [name, value] of Object.entries(fields)) {
    const check = specs[name].value;
    if (check && !check.valid(value as never)) refuse(check.refusal, `${type}.${name} is malformed: ${JSON.stringify(value).slice(0, 60)}`);
  }
}

/** Facts a well-formed payload must agree on with the envelope and the agreement. */
function checkConsistency(record: SharedRecordDraft, terms: AgreementTerms): void {
  const body = { recordType: record.recordType, payload: record.payload } as SharedBody;
  switch (body.recordType) {
    case REFERRAL_RECORD: {
      const other = terms.parties.find((p) => p.agency !== record.senderAgency);
      if (body.payload.fromAgency !== record.senderAgency || body.payload.toAgency !== other?.agency) {
        refuse('payload-inconsistent', 'A referral goes from the sender to the other party of the agreement');
      }
      if (body.payload.services.length === 0) refuse('payload-inconsistent', 'A referral names at least one service');
      return;
    }
    case SCREENING_OUTCOME_RECORD:
      if (body.payload.quarantineDays !== undefined && body.payload.outcomeCategory !== 'quarantine') {
        refuse('payload-inconsistent', 'quarantineDays goes with the quarantine category only');
      }
      return checkPointOfEntry(body.payload.pointOfEntry, record.senderCountry, terms);
    case CROSSING_RECORD: {
      const paired = findPointOfEntry(body.payload.pointOfEntry)?.pairedWith;
      if (paired !== undefined && body.payload.pairedPointOfEntry !== (paired ?? '')) {
        refuse('payload-inconsistent', `${body.payload.pointOfEntry} is paired with ${paired ?? 'no point of entry'}`);
      }
      return checkPointOfEntry(body.payload.pointOfEntry, record.senderCountry, terms);
    }
    case TRAFFICKING_FLAG_RECORD:
      return checkPointOfEntry(body.payload.pointOfEntry, record.senderCountry, terms);
    default:
      return assertNever(body);
  }
}

/** A node shares what happened at its own points of entry, and only those the agreement covers. */
function checkPointOfEntry(pointOfEntry: string, senderCountry: string, terms: AgreementTerms): void {
  if (pointOfEntry.slice(0, 2) !== senderCountry) refuse('payload-inconsistent', `${pointOfEntry} is not a point of entry of ${senderCountry}`);
  if (terms.pointsOfEntry !== undefined && !terms.pointsOfEntry.includes(pointOfEntry)) {
    refuse('point-of-entry-not-covered', `${terms.agreementId} does not cover ${pointOfEntry}`);
  }
}
