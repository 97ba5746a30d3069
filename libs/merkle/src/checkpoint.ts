import { sign, verify, type KeyObject } from 'node:crypto';
import { fromBase64, isIndex, toBase64 } from './bytes';
import { MerkleError } from './errors';
import { HASH_SIZE } from './hashing';
import { assertEd25519, keyIdOf, type TrustList } from './keys';

/** What a log owner vouches for: the log held `treeSize` entries with root `rootHash` at `timestamp`. */
export interface CheckpointBody {
  /** The feed (one per agency and sharing agreement): printable ASCII, no line breaks. */
  readonly logId: string;
  readonly treeSize: number;
  /** MTH of the first `treeSize` leaves, 32 bytes. */
  readonly rootHash: Uint8Array;
  /** ISO 8601 in UTC, `YYYY-MM-DDTHH:MM:SS[.fraction]Z`. */
  readonly timestamp: string;
}

/** A checkpoint as published: the exact signed bytes, so no re-encoding can change what was signed. */
export interface SignedCheckpoint {
  /** {@link encodeCheckpointBody} output. */
  readonly body: Uint8Array;
  /** Ed25519 signature over `body`, 64 bytes. */
  readonly signature: Uint8Array;
  /** {@link keyIdOf} the signing key. */
  readonly keyId: string;
}

/** Why {@link openCheckpoint} refused a checkpoint. */
export type CheckpointRefusal = 'unknown-key' | 'bad-signature' | 'malformed';

/** Result of {@link openCheckpoint}. */
export type OpenedCheckpoint =
  | { readonly ok: true; readonly body: CheckpointBody; readonly keyId: string; readonly agency: string }
  | { readonly ok: false; readonly reason: CheckpointRefusal; readonly detail: string };

const ED25519_SIGNATURE_SIZE = 64;
const LOG_ID = /^[\x21-\x7e](?:[\x20-\x7e]{0,254}[\x21-\x7e])?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const DECIMAL = /^(?:0|[1-9]\d*)$/;

/**
 * The canonical bytes of a checkpoint, a C2SP-style text note:
 * `<logId>\n<treeSize>\n<base64 root>\n<timestamp>\n`. Throws {@link MerkleError}
 * `invalid-checkpoint` for a body with no canonical encoding.
 */
export function encodeCheckpointBody(body: CheckpointBody): Uint8Array {
  const problem = bodyProblem(body);
  if (problem) throw new MerkleError('invalid-checkpoint', problem);
  return Buffer.from(`${body.logId}\n${body.treeSize}\n${toBase64(body.rootHash)}\n${body.timestamp}\n`, 'utf8');
}

/** The body encoded in `bytes`, or `undefined` unless they are exactly a canonical encoding. */
export function decodeCheckpointBody(bytes: Uint8Array): CheckpointBody | undefined {
  const lines = Buffer.from(bytes).toString('latin1').split('\n');
  if (lines.length !== 5 || lines[4] !== '') return undefined;
  const [logId, size, root, timestamp] = lines as [string, string, string, string];
  const rootHash = fromBase64(root);
  if (!DECIMAL.test(size) || !rootHash) return undefined;
  const body: CheckpointBody = { logId, treeSize: Number(size), rootHash, timestamp };
  return bodyProblem(body) === undefined ? body : undefined;
}

/**
 * Signs a checkpoint with the log's Ed25519 private key. `keyId` defaults to {@link keyIdOf} the
 * key. Throws {@link MerkleError} for a body with no canonical encoding or a key that is not an
 * Ed25519 private key.
 */
export function signCheckpoint(body: CheckpointBody, privateKey: KeyObject, keyId: string = keyIdOf(privateKey)): SignedCheckpoint {
  assertEd25519(privateKey, 'private');
  const bytes = encodeCheckpointBody(body);
  return { body: bytes, signature: sign(null, bytes, privateKey), keyId };
}

/**
 * Checks a checkpoint against a trust list and decodes it. Never throws: a checkpoint comes from
 * the network. Refusals: `malformed` (wrong shapes, or signed bytes that are not a canonical body),
 * `unknown-key` (key id not in the list, or the key is not trusted for this log id),
 * `bad-signature`. The signature is checked before the body is parsed, so any change to the signed
 * bytes is reported as `bad-signature`.
 */
export function openCheckpoint(signed: SignedCheckpoint, trustList: TrustList): OpenedCheckpoint {
  const { body, signature, keyId } = signed;
  if (!(body instanceof Uint8Array) || !(signature instanceof Uint8Array) || typeof keyId !== 'string') {
    return refuse('malformed', 'A signed checkpoint needs body and signature bytes and a key id');
  }
  if (signature.length !== ED25519_SIGNATURE_SIZE) return refuse('malformed', `Signature of ${signature.length} bytes`);
  const trusted = trustList.get(keyId);
  if (!trusted) return refuse('unknown-key', `Key ${keyId} is not in the trust list`);
  if (!signatureHolds(body, signature, trusted.publicKey)) return refuse('bad-signature', `Signature by ${keyId} does not verify`);
  const decoded = decodeCheckpointBody(body);
  if (!decoded) return refuse('malformed', `Body signed by ${keyId} is not a canonical checkpoint`);
  if (trusted.logIds && !trusted.logIds.includes(decoded.logId)) {
    return refuse('unknown-key', `Key ${keyId} of ${trusted.agency} is not trusted for log ${decoded.logId}`);
  }
  return { ok: true, body: decoded, keyId, agency: trusted.agency };
}

function signatureHolds(body: Uint8Array, signature: Uint8Array, publicKey: KeyObject): boolean {
  try {
    return verify(null, body, publicKey, signature);
  } catch {
    return false; // a key of the wrong type in the trust list: no signature can hold
  }
}

function refuse(reason: CheckpointRefusal, detail: string): OpenedCheckpoint {
  return { ok: false, reason, detail };
}

function bodyProblem(body: CheckpointBody): string | undefined {
  if (typeof body.logId !== 'string' || !LOG_ID.test(body.logId)) return 'Log id must be 1 to 256 printable ASCII characters';
  if (!isIndex(body.treeSize)) return `Tree size ${body.treeSize} is not a non-negative safe integer`;
  if (!(body.rootHash instanceof Uint8Array) || body.rootHash.length !== HASH_SIZE) return `Root hash must be ${HASH_SIZE} bytes`;
  if (!isUtcTimestamp(body.timestamp)) return `Timestamp ${String(body.timestamp)} is not ISO 8601 UTC`;
  return undefined;
}

function isUtcTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !TIMESTAMP.test(value)) return false;
  const time = Date.parse(value);
  // Date.parse rolls 30 February over to March: the calendar fields must survive the round trip.
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 19) === value.slice(0, 19);
}
