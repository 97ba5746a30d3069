import { findPointOfEntry, GMS_COUNTRIES, RuleViolation } from '@border-ledger/points-of-entry-domain';
import { isRecordType, MANDATORY_FIELDS, OPTIONAL_FIELDS, RECORD_TYPES, type RecordType } from '../records/records';
import { AGREEMENT_PURPOSES, type AgreementParty, type AgreementTerms } from './agreement.types';

const AGREEMENT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_AGREEMENT_ID = 64;
/** As the node configuration accepts it: `<country>-<code>`, e.g. `TH-IMM`. */
export const AGENCY_CODE = /^[A-Z]{2}-[A-Z0-9-]{2,30}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/**
 * Checks the terms of an agreement version, throwing the first rule they break:
 * `agreement-id-malformed`, `agreement-parties-invalid`, `party-country-outside-the-subregion`,
 * `party-agency-malformed`, `agreement-parties-same-country`, `agreement-purpose-unknown`,
 * `agreement-shares-nothing`, `record-type-unknown`, `record-field-mandatory`,
 * `record-field-unknown`, `record-field-duplicated`, `point-of-entry-unknown`,
 * `point-of-entry-outside-the-parties`, `point-of-entry-duplicated`, `agreement-points-of-entry-empty`,
 * `retention-out-of-range`, `agreement-date-malformed`, `agreement-ends-before-it-starts`.
 */
export function checkTerms(terms: AgreementTerms): void {
  if (typeof terms.agreementId !== 'string' || terms.agreementId.length > MAX_AGREEMENT_ID || !AGREEMENT_ID.test(terms.agreementId)) {
    throw new RuleViolation('agreement-id-malformed', `Agreement id ${String(terms.agreementId)} must be a lowercase slug like th-kh-immigration`);
  }
  checkParties(terms.parties);
  if (!(AGREEMENT_PURPOSES as readonly string[]).includes(terms.purpose)) {
    throw new RuleViolation('agreement-purpose-unknown', `Purpose ${terms.purpose} is not one of ${AGREEMENT_PURPOSES.join(', ')}`);
  }
  checkRecords(terms.records);
  checkPointsOfEntry(terms);
  if (!Number.isSafeInteger(terms.retentionDays) || terms.retentionDays < MIN_RETENTION_DAYS || terms.retentionDays > MAX_RETENTION_DAYS) {
    throw new RuleViolation('retention-out-of-range', `Retention is ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS} whole days`);
  }
  checkDates(terms);
}

function checkParties(parties: readonly AgreementParty[]): void {
  if (!Array.isArray(parties) || parties.length !== 2) {
    throw new RuleViolation('agreement-parties-invalid', 'A bilateral agreement has exactly two parties');
  }
  for (const { agency, country } of parties) {
    if (!(GMS_COUNTRIES as readonly string[]).includes(country)) {
      throw new RuleViolation('party-country-outside-the-subregion', `${country} is not a country of the subregion (${GMS_COUNTRIES.join(' ')})`);
    }
    if (typeof agency !== 'string' || !AGENCY_CODE.test(agency) || agency.slice(0, 2) !== country) {
      throw new RuleViolation('party-agency-malformed', `Agency ${agency} must be a code of ${country} like ${country}-IMM`);
    }
  }
  if (parties[0].country === parties[1].country) {
    throw new RuleViolation('agreement-parties-same-country', `Both parties are in ${parties[0].country}: an agreement crosses a border`);
  }
}

function checkRecords(records: AgreementTerms['records']): void {
  const types = Object.keys(records ?? {});
  if (types.length === 0) throw new RuleViolation('agreement-shares-nothing', 'An agreement shares at least one record type');
  for (const type of types) {
    if (!isRecordType(type)) throw new RuleViolation('record-type-unknown', `Record type ${type} is not one of ${RECORD_TYPES.join(', ')}`);
    checkFields(type, records[type]?.fields);
  }
}

function checkFields(type: RecordType, fields: readonly string[] | undefined): void {
  if (!Array.isArray(fields)) throw new RuleViolation('record-field-unknown', `Record type ${type} needs a list of fields (possibly empty)`);
  const optional: readonly string[] = OPTIONAL_FIELDS[type];
  const mandatory: readonly string[] = MANDATORY_FIELDS[type];
  for (const field of fields) {
    if (!optional.includes(field) && mandatory.includes(field)) {
      throw new RuleViolation('record-field-mandatory', `${type}.${field} always goes; list only optional fields (${optional.join(', ')})`);
    }
    if (!optional.includes(field)) {
      throw new RuleViolation('record-field-unknown', `${type} has no optional field ${field} (it has ${optional.join(', ')})`);
    }
  }
  if (new Set(fields).size !== fields.length) throw new RuleViolation('record-field-duplicated', `A field of ${type} is listed twice`);
}

function checkPointsOfEntry(terms: AgreementTerms): void {
  const codes = terms.pointsOfEntry;
  if (codes === undefined) return;
  if (codes.length === 0) {
    throw new RuleViolation('agreement-points-of-entry-empty', 'Leave pointsOfEntry out to cover every point of entry; an empty list covers none');
  }
  const countries: readonly string[] = terms.parties.map((p) => p.country);
  for (const code of codes) {
    const poe = findPointOfEntry(code);
    if (!poe) throw new RuleViolation('point-of-entry-unknown', `No point of entry ${code} in the catalogue`);
    if (!countries.includes(poe.country)) {
      throw new RuleViolation('point-of-entry-outside-the-parties', `${code} is in ${poe.country}, not a party's country`);
    }
  }
  if (new Set(codes).size !== codes.length) throw new RuleViolation('point-of-entry-duplicated', 'A point of entry is listed twice');
}

function checkDates(terms: AgreementTerms): void {
  if (!isIsoDate(terms.effectiveFrom)) throw new RuleViolation('agreement-date-malformed', `effectiveFrom ${terms.effectiveFrom} is not a YYYY-MM-DD day`);
  if (terms.effectiveUntil === undefined) return;
  if (!isIsoDate(terms.effectiveUntil)) throw new RuleViolation('agreement-date-malformed', `effectiveUntil ${terms.effectiveUntil} is not a YYYY-MM-DD day`);
  if (terms.effectiveUntil < terms.effectiveFrom) {
    throw new RuleViolation('agreement-ends-before-it-starts', `effectiveUntil ${terms.effectiveUntil} is before effectiveFrom ${terms.effectiveFrom}`);
  }
}
