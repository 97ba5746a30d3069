import type { GmsCountry } from '@border-ledger/points-of-entry-domain';
import type { OptionalField, RecordType } from '../records/records';

/** Why the parties share: each agreement states one purpose (purpose limitation). */
export const AGREEMENT_PURPOSES = ['border-management', 'public-health', 'counter-trafficking', 'child-protection', 'case-referral'] as const;
export type AgreementPurpose = (typeof AGREEMENT_PURPOSES)[number];

/** An agency of one party, e.g. `{ agency: 'TH-IMM', country: 'TH' }`. */
export interface AgreementParty {
  readonly agency: string;
  readonly country: GmsCountry;
}

/** Which optional fields of a record type the agreement shares (the mandatory ones always go). */
export interface RecordSelection<K extends RecordType = RecordType> {
  readonly fields: readonly OptionalField<K>[];
}

/** The record types an agreement shares, each with its field selection. */
export type RecordsShared = { readonly [K in RecordType]?: RecordSelection<K> };

/** The terms of one version of a bilateral sharing agreement. */
export interface AgreementTerms {
  /** Slug, e.g. `th-kh-immigration`. */
  readonly agreementId: string;
  readonly parties: readonly [AgreementParty, AgreementParty];
  readonly purpose: AgreementPurpose;
  readonly records: RecordsShared;
  /** Codes of the points of entry it is limited to; every point of entry when absent. */
  readonly pointsOfEntry?: readonly string[];
  /** How long the receiver keeps a record (1..3650 days). */
  readonly retentionDays: number;
  /** First day in force (`YYYY-MM-DD`, a UTC day). */
  readonly effectiveFrom: string;
  /** Last day in force (`YYYY-MM-DD`, a UTC day, inclusive); open-ended when absent. */
  readonly effectiveUntil?: string;
}

/** One recorded version of the terms. */
export interface AgreementVersion {
  readonly version: number;
  readonly terms: AgreementTerms;
}

export const REVOKE_REASONS = ['terminated-by-party', 'superseded', 'breach-of-terms', 'recorded-in-error'] as const;
export type AgreementRevokeReason = (typeof REVOKE_REASONS)[number];

/** An agreement as its events describe it; versions are in order, oldest first. */
export type AgreementState =
  | { readonly status: 'none' }
  | { readonly status: 'active'; readonly agreementId: string; readonly versions: readonly AgreementVersion[] }
  | {
      readonly status: 'revoked';
      readonly agreementId: string;
      readonly versions: readonly AgreementVersion[];
      readonly reason: AgreementRevokeReason;
      readonly revokedAt: string;
    };

export const initialAgreementState: AgreementState = { status: 'none' };
