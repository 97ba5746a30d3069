import type { AgreementRevokeReason, AgreementTerms } from './agreement.types';

export interface AgreementRecordedData {
  readonly agreementId: string;
  /** Always 1. */
  readonly version: number;
  readonly terms: AgreementTerms;
  readonly recordedAt: string;
}

export interface AgreementAmendedData {
  readonly agreementId: string;
  /** The previous version plus one. */
  readonly version: number;
  readonly terms: AgreementTerms;
  readonly amendedAt: string;
}

export interface AgreementRevokedData {
  readonly agreementId: string;
  readonly reason: AgreementRevokeReason;
  /** From this instant nothing more is shared under the agreement. */
  readonly revokedAt: string;
}

export const AGREEMENT_RECORDED = 'exchange.agreement-recorded.v1';
export const AGREEMENT_AMENDED = 'exchange.agreement-amended.v1';
export const AGREEMENT_REVOKED = 'exchange.agreement-revoked.v1';

/** Events of an agreement stream; type names are stable and versioned. */
export type AgreementEvent =
  | { readonly type: typeof AGREEMENT_RECORDED; readonly data: AgreementRecordedData }
  | { readonly type: typeof AGREEMENT_AMENDED; readonly data: AgreementAmendedData }
  | { readonly type: typeof AGREEMENT_REVOKED; readonly data: AgreementRevokedData };

export const AGREEMENT_EVENT_TYPES: readonly AgreementEvent['type'][] = [AGREEMENT_RECORDED, AGREEMENT_AMENDED, AGREEMENT_REVOKED];

/** Stream of one agreement. */
export const agreementStream = (agreementId: string): string => `agreement-${agreementId}`;
