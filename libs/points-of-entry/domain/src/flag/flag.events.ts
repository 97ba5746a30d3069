import type { IndicatorCode } from './flag.indicators';
import type { Severity } from './flag.severity';

/** What a flag is about: a recorded crossing, or the detection of an irregular crossing. */
export interface FlagSubject {
  readonly kind: 'crossing' | 'irregular-detection';
  readonly id: string;
}

/** Why an open flag was closed; codes only, so nothing personal leaves the node. */
export const FLAG_CLOSE_REASONS = ['referred-to-protection-services', 'assisted-on-site', 'declined-services'] as const;
export type FlagCloseReason = (typeof FLAG_CLOSE_REASONS)[number];

/** Why a flag was withdrawn: it should not have been raised. */
export const FLAG_WITHDRAW_REASONS = ['raised-in-error', 'duplicate', 'not-substantiated'] as const;
export type FlagWithdrawReason = (typeof FLAG_WITHDRAW_REASONS)[number];

/**
 * A trafficking flag as it leaves the node (to Kafka and the referrals service). The officer's
 * note is NOT here: it stays in the node's note store, referenced by `noteId`.
 */
export interface TraffickingFlagRaisedData {
  readonly flagId: string;
  readonly subject: FlagSubject;
  readonly pointOfEntry: string;
  /** Distinct codes, in catalogue order. */
  readonly indicators: readonly IndicatorCode[];
  readonly severity: Severity;
  readonly childProtection: boolean;
  /** When the officer observed the indicators (ISO 8601 with offset). */
  readonly observedAt: string;
  /** Opaque id of the node-local note, or null when the officer wrote none. */
  readonly noteId: string | null;
}

export interface TraffickingFlagIndicatorsAddedData {
  readonly flagId: string;
  /** The codes this event adds. */
  readonly added: readonly IndicatorCode[];
  /** All codes of the flag afterwards, and the severity recomputed from them. */
  readonly indicators: readonly IndicatorCode[];
  readonly severity: Severity;
  readonly childProtection: boolean;
}

export interface TraffickingFlagClosedData {
  readonly flagId: string;
  readonly reason: FlagCloseReason;
}

export interface TraffickingFlagWithdrawnData {
  readonly flagId: string;
  readonly reason: FlagWithdrawReason;
}

export const TRAFFICKING_FLAG_RAISED = 'points-of-entry.trafficking-flag-raised.v1';
export const TRAFFICKING_FLAG_INDICATORS_ADDED = 'points-of-entry.trafficking-flag-indicators-added.v1';
export const TRAFFICKING_FLAG_CLOSED = 'points-of-entry.trafficking-flag-closed.v1';
export const TRAFFICKING_FLAG_WITHDRAWN = 'points-of-entry.trafficking-flag-withdrawn.v1';

/** Events of a flag stream; type names are stable and versioned. */
export type FlagEvent =
  | { readonly type: typeof TRAFFICKING_FLAG_RAISED; readonly data: TraffickingFlagRaisedData }
  | { readonly type: typeof TRAFFICKING_FLAG_INDICATORS_ADDED; readonly data: TraffickingFlagIndicatorsAddedData }
  | { readonly type: typeof TRAFFICKING_FLAG_CLOSED; readonly data: TraffickingFlagClosedData }
  | { readonly type: typeof TRAFFICKING_FLAG_WITHDRAWN; readonly data: TraffickingFlagWithdrawnData };

export const FLAG_EVENT_TYPES: readonly FlagEvent['type'][] = [
  TRAFFICKING_FLAG_RAISED,
  TRAFFICKING_FLAG_INDICATORS_ADDED,
  TRAFFICKING_FLAG_CLOSED,
  TRAFFICKING_FLAG_WITHDRAWN,
];

/** Stream of one flag. */
export const flagStream = (flagId: string): string => `flag-${flagId}`;
