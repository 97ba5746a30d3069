import { findPointOfEntry } from '../reference/points-of-entry.catalogue';
import { assertNever, RuleViolation } from '../shared/rule-violation';
import type { AddFlagIndicators, FlagCommand, FlagContext, RaiseFlag } from './flag.commands';
import {
  TRAFFICKING_FLAG_CLOSED,
  TRAFFICKING_FLAG_INDICATORS_ADDED,
  TRAFFICKING_FLAG_RAISED,
  TRAFFICKING_FLAG_WITHDRAWN,
  type FlagCloseReason,
  type FlagEvent,
  type FlagSubject,
  type FlagWithdrawReason,
} from './flag.events';
import { isIndicatorCode, normaliseIndicators, type IndicatorCode } from './flag.indicators';
import { assessFlag, type Severity } from './flag.severity';

/** A flag as its events describe it. */
export interface FlagRecord {
  readonly flagId: string;
  readonly subject: FlagSubject;
  readonly pointOfEntry: string;
  readonly indicators: readonly IndicatorCode[];
  readonly severity: Severity;
  readonly childProtection: boolean;
  readonly observedAt: string;
  readonly noteId: string | null;
}

export type FlagState =
  | { readonly status: 'none' }
  | { readonly status: 'open'; readonly flag: FlagRecord }
  | { readonly status: 'closed'; readonly flag: FlagRecord; readonly reason: FlagCloseReason }
  | { readonly status: 'withdrawn'; readonly flag: FlagRecord; readonly reason: FlagWithdrawReason };

export const initialFlagState: FlagState = { status: 'none' };

/** How far into the future a device clock may be before an observation time is refused. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function decideFlag(command: FlagCommand, state: FlagState, context: FlagContext): FlagEvent[] {
  switch (command.kind) {
    case 'RaiseFlag': {
      if (state.status !== 'none') throw new RuleViolation('flag-already-raised', `Flag ${command.flagId} is already raised`);
      const indicators = checkIndicators(command.indicators);
      checkRaise(command, context);
      const { severity, childProtection } = assessFlag(indicators);
      // Field by field: nothing but these leaves the node.
      const { flagId, subject, pointOfEntry, observedAt, noteId } = command;
      const data = {
        flagId,
        subject: { kind: subject.kind, id: subject.id },
        pointOfEntry,
        indicators,
        severity,
        childProtection,
        observedAt,
        noteId,
      };
      return [{ type: TRAFFICKING_FLAG_RAISED, data }];
    }
    case 'AddFlagIndicators':
      return [{ type: TRAFFICKING_FLAG_INDICATORS_ADDED, data: addIndicators(command, openFlag(command.flagId, state)) }];
    case 'CloseFlag': {
      const flag = openFlag(command.flagId, state);
      // A child is always referred: no other way to close a child-protection flag.
      if (flag.childProtection && command.reason !== 'referred-to-protection-services') {
        throw new RuleViolation('child-referral-mandatory', 'A child-protection flag is closed only by a referral to protection services');
      }
      return [{ type: TRAFFICKING_FLAG_CLOSED, data: { flagId: command.flagId, reason: command.reason } }];
    }
    case 'WithdrawFlag':
      openFlag(command.flagId, state);
      return [{ type: TRAFFICKING_FLAG_WITHDRAWN, data: { flagId: command.flagId, reason: command.reason } }];
    default:
      return assertNever(command);
  }
}

function openFlag(flagId: string, state: FlagState): FlagRecord {
  if (state.status === 'none') throw new RuleViolation('flag-not-found', `No flag ${flagId}`);
  if (state.status !== 'open') throw new RuleViolation('flag-not-open', `Flag ${flagId} is ${state.status}`);
  return state.flag;
}

function checkIndicators(codes: readonly string[]): IndicatorCode[] {
  if (codes.length === 0) throw new RuleViolation('flag-without-indicators', 'A flag needs at least one indicator');
  const unknown = codes.filter((code) => !isIndicatorCode(code));
  if (unknown.length > 0) throw new RuleViolation('unknown-indicator', `Unknown indicators: ${unknown.join(', ')}`);
  return normaliseIndicators(codes as IndicatorCode[]);
}

function checkRaise(command: RaiseFlag, context: FlagContext): void {
  const poe = findPointOfEntry(command.pointOfEntry);
  if (!poe) throw new RuleViolation('unknown-point-of-entry', `Unknown point of entry ${command.pointOfEntry}`);
  if (poe.country !== context.nodeCountry) {
    throw new RuleViolation(
      'point-of-entry-of-another-country',
      `${poe.code} is in ${poe.country}; this node raises flags in ${context.nodeCountry}`,
    );
  }
  if (Date.parse(command.observedAt) > context.now.getTime() + CLOCK_SKEW_MS) {
    throw new RuleViolation('flag-observed-in-the-future', 'A flag cannot be raised for an observation in the future');
  }
  if (command.subject.kind !== 'crossing') return; // detections of irregular crossings have no stream here
  // The child-without-guardian indicator is never checked against the recorded age band: the
  // documents of a trafficked child often state an adult's age.
  const crossing = context.subjectCrossing ?? { status: 'none' };
  if (crossing.status === 'none') throw new RuleViolation('crossing-not-found', `No crossing ${command.subject.id}`);
  if (crossing.status === 'voided') throw new RuleViolation('crossing-voided', `Crossing ${command.subject.id} is voided`);
  if (crossing.crossing.pointOfEntry !== command.pointOfEntry) {
    throw new RuleViolation(
      'flag-point-of-entry-differs-from-crossing',
      `Crossing ${command.subject.id} was recorded at ${crossing.crossing.pointOfEntry}`,
    );
  }
}

function addIndicators(command: AddFlagIndicators, flag: FlagRecord) {
  const wanted = checkIndicators(command.indicators);
  const added = wanted.filter((code) => !flag.indicators.includes(code));
  if (added.length === 0) {
    throw new RuleViolation('indicators-already-recorded', `Flag ${command.flagId} already has these indicators`);
  }
  const indicators = normaliseIndicators([...flag.indicators, ...added]);
  const { severity, childProtection } = assessFlag(indicators);
  return { flagId: command.flagId, added, indicators, severity, childProtection };
}

export function evolveFlag(state: FlagState, event: FlagEvent): FlagState {
  switch (event.type) {
    case TRAFFICKING_FLAG_RAISED:
      return { status: 'open', flag: event.data };
    case TRAFFICKING_FLAG_INDICATORS_ADDED: {
      if (state.status !== 'open') return state;
      const { indicators, severity, childProtection } = event.data;
      return { status: 'open', flag: { ...state.flag, indicators, severity, childProtection } };
    }
    case TRAFFICKING_FLAG_CLOSED:
      return state.status === 'open' ? { status: 'closed', flag: state.flag, reason: event.data.reason } : state;
    case TRAFFICKING_FLAG_WITHDRAWN:
      return state.status === 'open' ? { status: 'withdrawn', flag: state.flag, reason: event.data.reason } : state;
    default:
      return assertNever(event);
  }
}
