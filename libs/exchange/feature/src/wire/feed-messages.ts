import { verify } from 'node:crypto';
import { decodeFeedMessage, decodeFeedRecord, encodeFeedMessage } from '@border-ledger/contracts';
import type { SharedRecord } from '@border-ledger/exchange-domain';
import type { SignedCheckpoint } from '@border-ledger/merkle';
import type { TrustedAgency } from '../keys/exchange-keys';
import type { StoredCheckpoint, StoredLeaf } from '../outgoing/outgoing-log';
import { fromFeedRecord } from './record-wire';

/** The Kafka value of a leaf: the signed record bytes, exactly as stored. */
export function leafMessage(leaf: StoredLeaf): Buffer {
  return Buffer.from(encodeFeedMessage({ kind: { case: 'record', value: { record: leaf.record, signature: leaf.signature, keyId: leaf.keyId } } }));
}

/** The Kafka value of a checkpoint, with the consistency proof from the previous one. */
export function checkpointMessage(checkpoint: StoredCheckpoint): Buffer {
  return Buffer.from(
    encodeFeedMessage({
      kind: {
        case: 'checkpoint',
        value: {
          body: checkpoint.signed.body,
          signature: checkpoint.signed.signature,
          keyId: checkpoint.signed.keyId,
          previousTreeSize: BigInt(checkpoint.previousTreeSize),
          consistencyProof: [...checkpoint.consistencyProof],
        },
      },
    }),
  );
}

/** What a feed message turned out to be once decoded and its record's signature checked. */
export type DecodedFeedMessage =
  | { readonly kind: 'record'; readonly record: SharedRecord; readonly recordBytes: Uint8Array; readonly signer: TrustedAgency }
  | { readonly kind: 'checkpoint'; readonly signed: SignedCheckpoint; readonly previousTreeSize: number; readonly consistencyProof: readonly Uint8Array[] }
  | { readonly kind: 'refused'; readonly reason: string };

const refused = (reason: string): DecodedFeedMessage => ({ kind: 'refused', reason });

/**
 * Decodes a feed message and checks a record's Ed25519 signature against the trust list: an
 * unsigned record, an unknown key or a signature that does not match the bytes is refused, and
 * so is a record whose sender is not the agency holding the key. Checkpoint signatures are
 * checked by the feed verifier, which also needs the tree.
 */
export function decodeFeed(value: Uint8Array | null | undefined, trusted: ReadonlyMap<string, TrustedAgency>): DecodedFeedMessage {
  const message = decodeFeedMessage(value);
  if (!message.ok) return refused(`malformed: ${message.reason}`);
  const { kind } = message.message;
  if (kind.case === 'checkpoint') {
    const { body, signature, keyId, previousTreeSize, consistencyProof } = kind.value;
    if (previousTreeSize > BigInt(Number.MAX_SAFE_INTEGER)) return refused('malformed: previous tree size out of range');
    return { kind: 'checkpoint', signed: { body, signature, keyId }, previousTreeSize: Number(previousTreeSize), consistencyProof };
  }
  if (kind.case !== 'record') return refused('malformed: a feed message with neither a record nor a checkpoint');
  const { record: bytes, signature, keyId } = kind.value;
  if (signature.length === 0 || keyId === '') return refused('unsigned: the record has no signature');
  const signer = trusted.get(keyId);
  if (!signer) return refused(`unknown-key: key ${keyId.slice(0, 32)} is not in the trust list`);
  if (!verifySignature(bytes, signature, signer)) return refused(`bad-signature: the signature of key ${keyId} does not match the record`);
  const decoded = decodeFeedRecord(bytes);
  if (!decoded.ok) return refused(`malformed: ${decoded.reason}`);
  const record = fromFeedRecord(decoded.message);
  if (!record.ok) return refused(`malformed: ${record.reason}`);
  if (record.record.senderAgency !== signer.agency || record.record.senderCountry !== signer.country) {
    return refused(`wrong-signer: signed by ${signer.agency} (${signer.country}) for sender ${record.record.senderAgency}`);
  }
  return { kind: 'record', record: record.record, recordBytes: bytes, signer };
}

function verifySignature(data: Uint8Array, signature: Uint8Array, signer: TrustedAgency): boolean {
  try {
    return verify(null, data, signer.publicKey, signature);
  } catch {
    return false;
  }
}
