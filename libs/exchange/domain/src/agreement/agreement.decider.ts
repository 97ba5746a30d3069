import { assertNever, RuleViolation } from '@border-ledger/points-of-entry-domain';
import type { AgreementCommand, AgreementContext } from './agreement.commands';
import { AGREEMENT_AMENDED, AGREEMENT_RECORDED, AGREEMENT_REVOKED, type AgreementEvent } from './agreement.events';
import type { AgreementState, AgreementTerms, AgreementVersion } from './agreement.types';
import { checkTerms } from './agreement.validation';

/** How far into the future a device clock may be before a time is refused. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

type RecordedState = Exclude<AgreementState, { readonly status: 'none' }>;

/**
 * Decides a command on one agreement. Besides the rules of {@link checkTerms}, refuses:
 * `agreement-already-recorded`, `agreement-not-found`, `agreement-revoked`,
 * `agreement-already-revoked`, `agreement-id-mismatch`, `agreement-parties-changed`,
 * `agreement-amendment-changes-nothing`, `agreement-amendment-backdated`,
 * `agreement-effective-date-goes-back`, `agreement-time-malformed`, `agreement-time-in-the-future`.
 */
export function decideAgreement(command: AgreementCommand, state: AgreementState, context: AgreementContext): AgreementEvent[] {
  const now = context.now.toISOString();
  switch (command.kind) {
    case 'RecordAgreement':
      checkTerms(command.terms);
      if (state.status !== 'none') {
        throw new RuleViolation('agreement-already-recorded', `Agreement ${command.terms.agreementId} is already recorded`);
      }
      return [{ type: AGREEMENT_RECORDED, data: { agreementId: command.terms.agreementId, version: 1, terms: command.terms, recordedAt: now } }];
    case 'AmendAgreement': {
      const current = latest(active(command.agreementId, state));
      checkAmendment(command.agreementId, command.terms, current, context.now);
      const data = { agreementId: command.agreementId, version: current.version + 1, terms: command.terms, amendedAt: now };
      return [{ type: AGREEMENT_AMENDED, data }];
    }
    case 'RevokeAgreement': {
      const recorded = found(command.agreementId, state);
      if (recorded.status === 'revoked') throw new RuleViolation('agreement-already-revoked', `Agreement ${command.agreementId} is already revoked`);
      checkTime(command.revokedAt, context.now);
      return [{ type: AGREEMENT_REVOKED, data: { agreementId: command.agreementId, reason: command.reason, revokedAt: command.revokedAt } }];
    }
    default:
      return assertNever(command);
  }
}

/** Folds one agreement event. */
export function evolveAgreement(state: AgreementState, event: AgreementEvent): AgreementState {
  switch (event.type) {
    case AGREEMENT_RECORDED:
      return { status: 'active', agreementId: event.data.agreementId, versions: [{ version: event.data.version, terms: event.data.terms }] };
    case AGREEMENT_AMENDED:
      if (state.status !== 'active') return state;
      return { ...state, versions: [...state.versions, { version: event.data.version, terms: event.data.terms }] };
    case AGREEMENT_REVOKED:
      if (state.status !== 'active') return state;
      return { ...state, status: 'revoked', reason: event.data.reason, revokedAt: event.data.revokedAt };
    default:
      return assertNever(event);
  }
}

function found(agreementId: string, state: AgreementState): RecordedState {
  if (state.status === 'none') throw new RuleViolation('agreement-not-found', `No agreement ${agreementId}`);
  return state;
}

function active(agreementId: string, state: AgreementState): Extract<AgreementState, { readonly status: 'active' }> {
  const recorded = found(agreementId, state);
  if (recorded.status === 'revoked') throw new RuleViolation('agreement-revoked', `Agreement ${agreementId} is revoked`);
  return recorded;
}

const latest = (state: RecordedState): AgreementVersion => state.versions[state.versions.length - 1];

function checkAmendment(agreementId: string, terms: AgreementTerms, current: AgreementVersion, now: Date): void {
  checkTerms(terms);
  if (terms.agreementId !== agreementId) {
    throw new RuleViolation('agreement-id-mismatch', `The terms are of ${terms.agreementId}, not ${agreementId}`);
  }
  if (partiesKey(terms) !== partiesKey(current.terms)) {
    throw new RuleViolation('agreement-parties-changed', 'An amendment keeps the parties; other parties make another agreement');
  }
  if (JSON.stringify(terms) === JSON.stringify(current.terms)) {
    throw new RuleViolation('agreement-amendment-changes-nothing', `The terms are those of version ${current.version}`);
  }
  // Records already shared name the version in force when they occurred: a backdated version would change that.
  if (terms.effectiveFrom < now.toISOString().slice(0, 10)) {
    throw new RuleViolation('agreement-amendment-backdated', `An amendment takes effect today or later, not on ${terms.effectiveFrom}`);
  }
  if (terms.effectiveFrom < current.terms.effectiveFrom) {
    throw new RuleViolation('agreement-effective-date-goes-back', `effectiveFrom ${terms.effectiveFrom} is before version ${current.version}'s`);
  }
}

const partiesKey = (terms: AgreementTerms): string =>
  terms.parties
    .map((p) => `${p.country}/${p.agency}`)
    .sort()
    .join('|');

function checkTime(at: string, now: Date): void {
  const time = Date.parse(at);
  if (Number.isNaN(time)) throw new RuleViolation('agreement-time-malformed', `${at} is not an ISO 8601 time`);
  if (time > now.getTime() + CLOCK_SKEW_MS) throw new RuleViolation('agreement-time-in-the-future', `${at} is in the future`);
}
