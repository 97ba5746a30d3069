import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The one algorithm in use; named in every sealed payload so it can change later. */
export const SEALING_ALGORITHM = 'AES-256-GCM';

/** An encryption key of one traveller, as the vault hands it out. */
export interface TravellerKey {
  readonly keyId: string;
  readonly travellerRef: string;
  /** 32 random bytes. */
  readonly key: Buffer;
}

/**
 * Ciphertext of personal data as it may sit in an event: useless without the key `keyId` names,
 * which only the node's vault holds. All binary fields are base64.
 */
export interface SealedPayload {
  readonly keyId: string;
  readonly algorithm: typeof SEALING_ALGORITHM;
  /** 96-bit nonce, random per sealing. */
  readonly iv: string;
  readonly ciphertext: string;
  /** 128-bit GCM authentication tag. */
  readonly tag: string;
}

/** The ciphertext, its tag, or its associated data were altered (or the key is the wrong one). */
export class SealTamperedError extends Error {
  readonly code = 'SEAL_TAMPERED';
  constructor(keyId: string) {
    super(`Sealed payload under key ${keyId} failed authentication`);
    this.name = 'SealTamperedError';
  }
}

/**
 * Encrypts a JSON value under a traveller's key. `associatedData` binds the ciphertext to where
 * it belongs (e.g. a crossing id): moved elsewhere, it no longer opens.
 */
export function seal(key: TravellerKey, value: unknown, associatedData: string): SealedPayload {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return {
    keyId: key.keyId,
    algorithm: SEALING_ALGORITHM,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Decrypts and authenticates; throws {@link SealTamperedError} when anything was altered. */
export function open(key: TravellerKey, sealed: SealedPayload, associatedData: string): unknown {
  if (sealed.keyId !== key.keyId || sealed.algorithm !== SEALING_ALGORITHM) throw new SealTamperedError(sealed.keyId);
  try {
    // A fixed tag length: GCM would otherwise accept a truncated (forgeable) tag.
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as unknown;
  } catch {
    throw new SealTamperedError(sealed.keyId);
  }
}
