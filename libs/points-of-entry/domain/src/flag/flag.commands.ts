import type { CrossingState } from '../crossing/crossing.decider';
import type { FlagCloseReason, FlagSubject, FlagWithdrawReason } from './flag.events';
import type { IndicatorCode } from './flag.indicators';

export interface RaiseFlag {
  readonly kind: 'RaiseFlag';
  readonly flagId: string;
  readonly subject: FlagSubject;
  readonly pointOfEntry: string;
  readonly indicators: readonly IndicatorCode[];
  /** When the officer observed the indicators (ISO 8601 with offset). */
  readonly observedAt: string;
  /** Id under which the feature keeps the officer's note on the node; null without a note. */
  readonly noteId: string | null;
}

export interface AddFlagIndicators {
  readonly kind: 'AddFlagIndicators';
  readonly flagId: string;
  readonly indicators: readonly IndicatorCode[];
}

export interface CloseFlag {
  readonly kind: 'CloseFlag';
  readonly flagId: string;
  readonly reason: FlagCloseReason;
}

export interface WithdrawFlag {
  readonly kind: 'WithdrawFlag';
  readonly flagId: string;
  readonly reason: FlagWithdrawReason;
}

export type FlagCommand = RaiseFlag | AddFlagIndicators | CloseFlag | WithdrawFlag;

/** What a flag decision needs besides the command and the flag's state. */
export interface FlagContext {
  /** The country of the recording node: a node raises flags at its own points of entry. */
  readonly nodeCountry: string;
  readonly now: Date;
  /** For a flag raised on a crossing: that crossing's state, folded from its stream by the caller. */
  readonly subjectCrossing?: CrossingState;
}
