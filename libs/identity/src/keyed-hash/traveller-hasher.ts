import { createHmac } from 'node:crypto';

/** Injection token of the node's {@link TravellerHasher}. */
export const TRAVELLER_HASHER = Symbol('TRAVELLER_HASHER');

/** Smallest secret key accepted for the keyed hash: 256 bits. */
export const MIN_HASH_KEY_BYTES = 32;

/** A traveller reference: 64 lowercase hex characters (HMAC-SHA-256). */
export const TRAVELLER_REF_PATTERN = /^[0-9a-f]{64}$/;

/** What identifies a traveller's document; the reference is derived from it and nothing else. */
export interface TravellerDocument {
  /** Document type code, e.g. `passport`. */
  readonly type: string;
  readonly number: string;
  /** ISO 3166-1 alpha-2 nationality stated with the document. */
  readonly nationality: string;
}

/**
 * Normalises a document number as officers type it: `ab 123-456` and `AB123456` are the same
 * document. Unicode compatibility forms are folded (full-width digits from some keyboards).
 */
export function normaliseDocumentNumber(number: string): string {
  return number.normalize('NFKC').toUpperCase().replace(/[\s\-./]/g, '');
}

/**
 * The keyed hash that turns a document into a traveller reference. With the node's secret key,
 * repeat crossings of one document link; without it, the reference cannot be reversed or
 * recomputed from a guessed document number (document numbers have little entropy, so a plain
 * hash would be brute-forced).
 */
export class TravellerHasher {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length < MIN_HASH_KEY_BYTES) {
      throw new Error(`The identity hash key must be at least ${MIN_HASH_KEY_BYTES} bytes, got ${key.length}`);
    }
    this.key = Buffer.from(key);
  }

  /** The traveller reference of a document: HMAC-SHA-256 over an unambiguous encoding. */
  ref(document: TravellerDocument): string {
    const input = [
      'traveller-ref.v1',
      document.type.trim().toLowerCase(),
      document.nationality.trim().toUpperCase(),
      normaliseDocumentNumber(document.number),
    ].join('\u0000');
    return createHmac('sha256', this.key).update(input, 'utf8').digest('hex');
  }
}
