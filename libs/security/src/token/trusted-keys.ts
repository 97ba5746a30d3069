import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Thrown for a missing or malformed security setting; services exit with its message. */
export class SecurityConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecurityConfigError';
  }
}

/** A public key trusted to sign tokens of one issuer. */
export interface TrustedKey {
  readonly kid: string;
  readonly issuer: string;
  readonly key: KeyObject;
  /** JWS algorithms this key may verify; never `none`, never HMAC. */
  readonly algorithms: readonly string[];
}

const RSA_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const EC_ALGS: Record<string, string> = { 'prime256v1': 'ES256', 'secp384r1': 'ES384', 'secp521r1': 'ES512' };

/** The algorithms a key supports, narrowed to `alg` when its JWK states one. */
export function algorithmsFor(key: KeyObject, alg: unknown, where: string): string[] {
  let supported: string[];
  if (key.asymmetricKeyType === 'ed25519') supported = ['EdDSA'];
  else if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new SecurityConfigError(`${where}: RSA keys need at least 2048 bits`);
    supported = RSA_ALGS;
  } else if (key.asymmetricKeyType === 'ec' && EC_ALGS[key.asymmetricKeyDetails?.namedCurve ?? '']) {
    supported = [EC_ALGS[key.asymmetricKeyDetails!.namedCurve!]];
  } else throw new SecurityConfigError(`${where}: unsupported key type ${key.asymmetricKeyType ?? 'unknown'}`);
  if (alg === undefined) return supported;
  if (typeof alg !== 'string' || !supported.includes(alg)) throw new SecurityConfigError(`${where}: alg ${String(alg)} does not suit the key`);
  return [alg];
}

/**
 * Keys of a JWKS file. Each key needs a `kid`; with several issuers it also names its issuer in
 * an `iss` member (RFC 7517 lets a JWK carry members it does not define), so that one agency's
 * identity provider cannot sign for another's.
 */
export function loadJwksFile(path: string, issuers: readonly string[]): TrustedKey[] {
  let jwks: { keys?: unknown };
  try {
    jwks = JSON.parse(readFileSync(path, 'utf8')) as { keys?: unknown };
  } catch (error) {
    throw new SecurityConfigError(`AUTH_JWKS_FILE ${path} is not a readable JSON file: ${(error as Error).message}`);
  }
  if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new SecurityConfigError(`AUTH_JWKS_FILE ${path} has no keys`);
  return jwks.keys.map((raw: unknown, index) => {
    const jwk = (raw ?? {}) as JsonWebKey & { kid?: unknown; iss?: unknown; use?: unknown; alg?: unknown };
    const where = `AUTH_JWKS_FILE key ${index}`;
    if (typeof jwk.kid !== 'string' || jwk.kid === '') throw new SecurityConfigError(`${where} has no kid`);
    if (jwk.d !== undefined) throw new SecurityConfigError(`${where} (${jwk.kid}) is a private key: publish only public keys`);
    if (jwk.use !== undefined && jwk.use !== 'sig') throw new SecurityConfigError(`${where} (${jwk.kid}) is not a signing key`);
    const issuer = issuerOf(jwk.iss, issuers, where);
    let key: KeyObject;
    try {
      key = createPublicKey({ key: jwk, format: 'jwk' });
    } catch (error) {
      throw new SecurityConfigError(`${where} (${jwk.kid}) is not a public key: ${(error as Error).message}`);
    }
    return { kid: jwk.kid, issuer, key, algorithms: algorithmsFor(key, jwk.alg, where) };
  });
}

/** Keys of a folder of PEM files, one per key, the file name (without `.pem`) being its `kid`. */
export function loadPemDir(dir: string, issuers: readonly string[]): TrustedKey[] {
  if (issuers.length !== 1) {
    throw new SecurityConfigError('AUTH_PUBLIC_KEYS_DIR serves one issuer; with several, use AUTH_JWKS_FILE with an iss per key');
  }
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.pem'));
  } catch (error) {
    throw new SecurityConfigError(`AUTH_PUBLIC_KEYS_DIR ${dir} is not readable: ${(error as Error).message}`);
  }
  if (files.length === 0) throw new SecurityConfigError(`AUTH_PUBLIC_KEYS_DIR ${dir} holds no .pem file`);
  return files.map((file) => {
    const where = `AUTH_PUBLIC_KEYS_DIR ${file}`;
    const pem = readFileSync(join(dir, file), 'utf8');
    if (pem.includes('PRIVATE KEY')) throw new SecurityConfigError(`${where} is a private key: keep only public keys here`);
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch (error) {
      throw new SecurityConfigError(`${where} is not a public key: ${(error as Error).message}`);
    }
    return { kid: basename(file, '.pem'), issuer: issuers[0], key, algorithms: algorithmsFor(key, undefined, where) };
  });
}

function issuerOf(iss: unknown, issuers: readonly string[], where: string): string {
  if (iss === undefined) {
    if (issuers.length === 1) return issuers[0];
    throw new SecurityConfigError(`${where} needs an iss member naming one of AUTH_ISSUERS`);
  }
  if (typeof iss !== 'string' || !issuers.includes(iss)) throw new SecurityConfigError(`${where} names an issuer not in AUTH_ISSUERS`);
  return iss;
}
