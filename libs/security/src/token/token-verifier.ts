import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type KeyLike } from 'jose';
import { ClaimsError, principalFromClaims, type BorderLedgerClaims } from '../principal/principal-claims';
import type { Principal } from '../principal/principal';
import type { AuthConfig } from './auth-config';

/** Why a token was refused: answered in `WWW-Authenticate` and recorded in the audit stream. */
export type AuthFailureReason =
  | 'token-missing'
  | 'token-malformed'
  | 'token-expired'
  | 'token-not-yet-valid'
  | 'token-too-old'
  | 'signature-invalid'
  | 'algorithm-not-allowed'
  | 'issuer-untrusted'
  | 'key-unknown'
  | 'audience-mismatch'
  | 'claims-invalid';

/** Who a refused token said it was: only when its signature held (an expired token, a wrong audience). */
export interface ClaimedIdentity {
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly agency: string | null;
}

export type Authentication =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly reason: AuthFailureReason; readonly claimed: ClaimedIdentity | null };

const MAX_TOKEN_LENGTH = 8192;

/**
 * Verifies bearer tokens: signature by a key trusted for the token's own issuer (looked up by
 * `kid`), asymmetric algorithms only, `exp` and `iat` required, the audience, a small clock skew
 * and a maximum age; then the Border Ledger claims (see `principalFromClaims`).
 */
export class TokenVerifier {
  constructor(private readonly config: AuthConfig) {}

  /** The principal of an `Authorization` header value, or why not. Never throws. */
  async authenticate(authorization: string | undefined): Promise<Authentication> {
    if (authorization === undefined || authorization === '') return fail('token-missing');
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match || match[1].length > MAX_TOKEN_LENGTH) return fail('token-malformed');
    return this.verify(match[1]);
  }

  /** The principal of a compact JWT, or why not. Never throws. */
  async verify(token: string): Promise<Authentication> {
    let unverified: JWTPayload;
    let kid: string | undefined;
    try {
      unverified = decodeJwt(token);
      kid = decodeProtectedHeader(token).kid;
    } catch {
      return fail('token-malformed');
    }
    const trust = this.config.issuers.find((i) => i.issuer === unverified.iss);
    if (!trust) return fail('issuer-untrusted');
    const keys = this.config.keys.filter((k) => k.issuer === trust.issuer && (kid === undefined || k.kid === kid));
    if (keys.length !== 1) return fail('key-unknown');
    const [key] = keys;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key.key as KeyLike, {
        issuer: trust.issuer,
        audience: this.config.audience,
        algorithms: [...key.algorithms],
        clockTolerance: this.config.clockSkewSeconds,
        maxTokenAge: this.config.maxTokenAgeSeconds,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      return failure(error);
    }
    try {
      return { ok: true, principal: principalFromClaims(payload as BorderLedgerClaims, trust.agencies) };
    } catch (error) {
      if (error instanceof ClaimsError) return fail('claims-invalid', claimedBy(payload));
      throw error;
    }
  }
}

function fail(reason: AuthFailureReason, claimed: ClaimedIdentity | null = null): Authentication {
  return { ok: false, reason, claimed };
}

function failure(error: unknown): Authentication {
  // jose reports a token older than maxTokenAge as expired on its iat claim.
  if (error instanceof errors.JWTExpired) return fail(error.claim === 'iat' ? 'token-too-old' : 'token-expired', claimedBy(error.payload));
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claimed = claimedBy(error.payload);
    if (error.claim === 'aud') return fail('audience-mismatch', claimed);
    if (error.reason === 'missing') return fail('claims-invalid', claimed);
    if (error.claim === 'iss') return fail('issuer-untrusted', claimed);
    if (error.claim === 'nbf' || error.claim === 'iat') return fail('token-not-yet-valid', claimed);
    return fail('claims-invalid', claimed);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return fail('signature-invalid');
  if (error instanceof errors.JOSEAlgNotAllowed) return fail('algorithm-not-allowed');
  return fail('token-malformed');
}

// Only string claims that look like ids; a refused token's other claims are not trusted enough to record.
function claimedBy(payload: JWTPayload | undefined): ClaimedIdentity {
  const pick = (value: unknown): string | null => (typeof value === 'string' && /^[^\p{Cc}\s]{1,128}$/u.test(value) ? value : null);
  const claims = (payload ?? {}) as Record<string, unknown>;
  return { subject: pick(claims['sub']), issuer: pick(claims['iss']), agency: pick(claims['agency']) };
}
