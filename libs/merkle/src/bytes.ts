import { timingSafeEqual } from 'node:crypto';

/** True when both byte strings have the same length and content. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  // timingSafeEqual throws on different lengths, and lengths are public anyway.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Standard base64 (RFC 4648 §4, with padding), as Go's encoding/json writes byte strings. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Decodes canonical standard base64, or returns `undefined`.
 * Node's decoder silently skips invalid characters, so the result is re-encoded and compared:
 * a signed or persisted value must have exactly one spelling.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** Lower-case hexadecimal. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** True for an integer in [0, 2^53): sizes and indices beyond that cannot be represented exactly. */
export function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
