import type { AgreementState, AgreementVersion } from './agreement.types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** First instant of a `YYYY-MM-DD` UTC day. */
const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/**
 * The version of an agreement in force at an instant, or null: the highest version whose first
 * day is not after it, provided that version has not ended and the agreement was not revoked at or
 * before the instant. Days are UTC days; `effectiveUntil` is inclusive.
 */
export function agreementInForce(state: AgreementState, at: string): AgreementVersion | null {
  if (state.status === 'none') return null;
  const instant = Date.parse(at);
  if (Number.isNaN(instant)) return null;
  if (state.status === 'revoked' && instant >= Date.parse(state.revokedAt)) return null;
  let found: AgreementVersion | null = null;
  for (const version of state.versions) {
    if (dayStart(version.terms.effectiveFrom) > instant) continue;
    if (!found || version.version > found.version) found = version;
  }
  if (!found) return null;
  const until = found.terms.effectiveUntil;
  return until !== undefined && instant >= dayStart(until) + DAY_MS ? null : found;
}

/** A version by number, whether or not it is in force. */
export function agreementVersion(state: AgreementState, version: number): AgreementVersion | null {
  return state.status === 'none' ? null : (state.versions.find((v) => v.version === version) ?? null);
}

/** True when the agreement was revoked at or before the instant. */
export function revokedBy(state: AgreementState, at: string): boolean {
  return state.status === 'revoked' && Date.parse(at) >= Date.parse(state.revokedAt);
}
