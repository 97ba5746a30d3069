import { randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, type KeyLike } from 'jose';
import type { Role } from '../principal/principal';

/** The Border Ledger claims of a token to issue. */
export interface TokenClaims {
  readonly sub: string;
  readonly agency: string;
  readonly country: string;
  readonly roles: readonly (Role | string)[];
  readonly pointsOfEntry?: readonly string[];
  readonly centres?: readonly string[];
  /** The client application; rate limits are per agency and client. */
  readonly azp?: string;
}

/** How to sign it. */
export interface SigningOptions {
  readonly privateKey: KeyObject;
  readonly kid: string;
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
  /** Issue time; now by default (tests move it to mint expired tokens). */
  readonly issuedAt?: Date;
}

/** The JWS algorithm of a private key: EdDSA, ES256/384/512 by curve, RS256 for RSA. */
export function signingAlgorithm(key: KeyObject): string {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType === 'ec' && curve) {
    const alg = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' }[curve];
    if (alg) return alg;
  }
  throw new Error(`Cannot sign tokens with a ${key.asymmetricKeyType ?? 'unknown'} key`);
}

/** A compact JWT with the claims, `iss`, `aud`, `iat`, `exp` and a fresh `jti`. */
export function signToken(claims: TokenClaims, options: SigningOptions): Promise<string> {
  const iat = Math.floor((options.issuedAt ?? new Date()).getTime() / 1000);
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: signingAlgorithm(options.privateKey), kid: options.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.ttlSeconds)
    .setJti(randomUUID())
    .sign(options.privateKey as KeyLike);
}
