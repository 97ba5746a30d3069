import { fromBase64, toBase64 } from './bytes';
import type { SignedCheckpoint } from './checkpoint';

/** A {@link SignedCheckpoint} as JSON (message payloads, HTTP, persisted snapshots): bytes in base64. */
export interface SignedCheckpointJson {
  readonly body: string;
  readonly signature: string;
  readonly keyId: string;
}

/** The JSON form of a signed checkpoint. */
export function signedCheckpointToJson(signed: SignedCheckpoint): SignedCheckpointJson {
  return { body: toBase64(signed.body), signature: toBase64(signed.signature), keyId: signed.keyId };
}

/**
 * A signed checkpoint from its JSON form, or `undefined` when `value` does not have that shape
 * (non-canonical base64 included). Nothing is verified here: pass the result to `openCheckpoint`.
 */
export function signedCheckpointFromJson(value: unknown): SignedCheckpoint | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { body, signature, keyId } = value as Record<string, unknown>;
  if (typeof body !== 'string' || typeof signature !== 'string' || typeof keyId !== 'string') return undefined;
  const bodyBytes = fromBase64(body);
  const signatureBytes = fromBase64(signature);
  return bodyBytes && signatureBytes ? { body: bodyBytes, signature: signatureBytes, keyId } : undefined;
}
