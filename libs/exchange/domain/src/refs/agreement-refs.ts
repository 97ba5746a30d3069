import { createHmac } from 'node:crypto';

/** Smallest shared secret accepted: 256 bits. */
export const MIN_AGREEMENT_SECRET_BYTES = 32;
/** Bytes of HMAC output kept in a ref (128 bits: collisions stay out of reach). */
export const AGREEMENT_REF_BYTES = 16;

const DOMAIN = 'border-ledger/exchange/ref/v1';

/** What a ref names besides a traveller; each kind is hashed apart from the others. */
export const REF_KINDS = ['crossing', 'flag', 'referral', 'correlation', 'event', 'unidentified-traveller'] as const;
export type RefKind = (typeof REF_KINDS)[number];

/** References in one agreement's space. */
export interface AgreementRefs {
  /** The traveller's ref from the document: the same on both nodes of the agreement, unlinkable across agreements. */
  travellerRef(documentType: string, documentNumber: string, nationality: string): string;
  /** The ref of one of the sender's internal ids. */
  ref(kind: RefKind, internalId: string): string;
}

/**
 * Normalises a document number as officers type it (`ab 123-456` is `AB123456`), the same way the
 * node's own traveller hash does, so that both parties derive the same ref from the same document.
 */
export function normaliseDocumentNumber(number: string): string {
  return number.normalize('NFKC').toUpperCase().replace(/[\s\-./]/g, '');
}

/**
 * Refs re-keyed per agreement: HMAC-SHA-256 under the secret the two parties share for this
 * agreement, over a domain-separated, length-prefixed input, truncated to 128 bits, base64url.
 * Both nodes compute the same traveller ref for the same document (so exits match entries) and
 * two agreements give unlinkable refs (different secrets, and the agreement id is in the input).
 */
export function agreementRefs(secret: Uint8Array, agreementId: string): AgreementRefs {
  if (secret.length < MIN_AGREEMENT_SECRET_BYTES) {
    throw new Error(`An agreement secret must be at least ${MIN_AGREEMENT_SECRET_BYTES} bytes, got ${secret.length}`);
  }
  const key = Buffer.from(secret);
  const mac = (...parts: string[]): string => {
    const hmac = createHmac('sha256', key);
    for (const part of [DOMAIN, agreementId, ...parts]) hmac.update(lengthPrefixed(part));
    return hmac.digest().subarray(0, AGREEMENT_REF_BYTES).toString('base64url');
  };
  return {
    travellerRef: (documentType, documentNumber, nationality) =>
      mac('traveller', documentType.trim().toLowerCase(), nationality.trim().toUpperCase(), normaliseDocumentNumber(documentNumber)),
    ref: (kind, internalId) => mac(kind, internalId),
  };
}

/** 4-byte big-endian length, then the UTF-8 bytes: no two part lists encode alike. */
function lengthPrefixed(part: string): Buffer {
  const bytes = Buffer.from(part, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}
