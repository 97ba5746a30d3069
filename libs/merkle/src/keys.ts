import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { MerkleError } from './errors';

/** A checkpoint-signing key that a receiver trusts, and what it trusts it for. */
export interface TrustedKey {
  readonly publicKey: KeyObject;
  /** The agency that holds the private key, for alerts and audit. */
  readonly agency: string;
  /** Logs this key may sign checkpoints for; absent means any log. */
  readonly logIds?: readonly string[];
}

/** Trusted keys by key id ({@link keyIdOf}). */
export type TrustList = ReadonlyMap<string, TrustedKey>;

/**
 * Short, stable identifier of a public key: the first 8 bytes of SHA-256 over its SPKI DER, in hex.
 * It names the key in a signed checkpoint; it is not a security boundary (the signature is), so
 * 64 bits only need to avoid accidental clashes within one trust list. A private key is reduced
 * to its public half first.
 */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest().subarray(0, 8).toString('hex');
}

/** An Ed25519 public key from SPKI PEM; throws {@link MerkleError} `invalid-key` for anything else. */
export function ed25519PublicKeyFromPem(pem: string): KeyObject {
  return requireEd25519(() => createPublicKey({ key: pem, format: 'pem' }), 'public');
}

/** An Ed25519 private key from PKCS#8 PEM; throws {@link MerkleError} `invalid-key` for anything else. */
export function ed25519PrivateKeyFromPem(pem: string): KeyObject {
  return requireEd25519(() => createPrivateKey({ key: pem, format: 'pem' }), 'private');
}

/** Throws {@link MerkleError} `invalid-key` unless `key` is an Ed25519 key of the given type. */
export function assertEd25519(key: KeyObject, type: 'public' | 'private'): void {
  if (key.type !== type || key.asymmetricKeyType !== 'ed25519') {
    throw new MerkleError('invalid-key', `Expected an Ed25519 ${type} key, got ${key.asymmetricKeyType ?? 'secret'} ${key.type}`);
  }
}

/**
 * A {@link TrustList} keyed by {@link keyIdOf}. Throws {@link MerkleError} `invalid-key` for a key
 * that is not an Ed25519 public key, or for two entries with the same key id (ambiguous trust).
 */
export function buildTrustList(keys: readonly TrustedKey[]): TrustList {
  const list = new Map<string, TrustedKey>();
  for (const key of keys) {
    assertEd25519(key.publicKey, 'public');
    const id = keyIdOf(key.publicKey);
    if (list.has(id)) throw new MerkleError('invalid-key', `Key ${id} is listed twice`);
    list.set(id, key);
  }
  return list;
}

function requireEd25519(load: () => KeyObject, type: 'public' | 'private'): KeyObject {
  let key: KeyObject;
  try {
    key = load();
  } catch (error: unknown) {
    throw new MerkleError('invalid-key', `Unreadable ${type} key PEM: ${error instanceof Error ? error.message : String(error)}`);
  }
  assertEd25519(key, type);
  return key;
}
