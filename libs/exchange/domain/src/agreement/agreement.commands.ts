import type { AgreementRevokeReason, AgreementTerms } from './agreement.types';

export interface RecordAgreement {
  readonly kind: 'RecordAgreement';
  readonly terms: AgreementTerms;
}

/** New terms for an agreement: they become the next version. */
export interface AmendAgreement {
  readonly kind: 'AmendAgreement';
  readonly agreementId: string;
  readonly terms: AgreementTerms;
}

export interface RevokeAgreement {
  readonly kind: 'RevokeAgreement';
  readonly agreementId: string;
  readonly reason: AgreementRevokeReason;
  /** When sharing stops (ISO 8601); not in the future. */
  readonly revokedAt: string;
}

export type AgreementCommand = RecordAgreement | AmendAgreement | RevokeAgreement;

/** What a decision needs besides the command and the state. */
export interface AgreementContext {
  readonly now: Date;
}
