import { fromBase64, isIndex, toBase64 } from './bytes';
import { decodeCheckpointBody, type CheckpointBody, type SignedCheckpoint } from './checkpoint';
import { signedCheckpointFromJson, signedCheckpointToJson, type SignedCheckpointJson } from './checkpoint-json';
import { MerkleError } from './errors';
import { HASH_SIZE } from './hashing';

/**
 * Everything a `FeedVerifier` knows, as plain JSON, for the caller to persist (a SQLite row, for
 * instance) and hand back to `FeedVerifier.restore`. Checkpoints keep their signed bytes, so a
 * restored verifier can still gossip them.
 */
export interface FeedVerifierSnapshot {
  readonly version: 1;
  readonly logId: string;
  /** Hashes of leaves [0, n) with no gap, 32 bytes each, concatenated, in base64. */
  readonly leafHashes: string;
  /** Leaves received beyond a gap, ascending by index. */
  readonly pendingLeaves: readonly { readonly index: number; readonly hash: string }[];
  readonly trusted: SignedCheckpointJson | null;
  /** Gossiped checkpoints larger than our leaves, still to be checked. */
  readonly witnesses: readonly SignedCheckpointJson[];
}

/** A signed checkpoint with its decoded body; only ever built from a checkpoint that opened. */
export interface OpenCheckpoint {
  readonly signed: SignedCheckpoint;
  readonly body: CheckpointBody;
}

/** The verifier's state in memory form. */
export interface FeedState {
  readonly logId: string;
  readonly prefix: readonly Uint8Array[];
  readonly pending: readonly (readonly [number, Uint8Array])[];
  readonly trusted: OpenCheckpoint | undefined;
  readonly witnesses: readonly OpenCheckpoint[];
}

/** Serialises verifier state. */
export function toSnapshot(state: FeedState): FeedVerifierSnapshot {
  return {
    version: 1,
    logId: state.logId,
    leafHashes: toBase64(Buffer.concat(state.prefix)),
    pendingLeaves: state.pending.map(([index, hash]) => ({ index, hash: toBase64(hash) })),
    trusted: state.trusted ? signedCheckpointToJson(state.trusted.signed) : null,
    witnesses: state.witnesses.map((witness) => signedCheckpointToJson(witness.signed)),
  };
}

/**
 * Parses a snapshot, or throws {@link MerkleError} `invalid-snapshot`. Only the shape is checked
 * here; whether the trusted root matches the leaves is the verifier's check.
 */
export function fromSnapshot(snapshot: FeedVerifierSnapshot): FeedState {
  const value: unknown = snapshot;
  if (typeof value !== 'object' || value === null) invalid('not an object');
  const { version, logId, leafHashes, pendingLeaves, trusted, witnesses } = value as Record<string, unknown>;
  if (version !== 1) invalid(`unsupported version ${String(version)}`);
  if (typeof logId !== 'string') invalid('log id missing');
  if (!Array.isArray(pendingLeaves) || !Array.isArray(witnesses)) invalid('pending leaves or witnesses missing');
  return {
    logId,
    prefix: parseHashes(leafHashes),
    pending: pendingLeaves.map(parsePending),
    trusted: trusted === null ? undefined : parseCheckpoint(trusted, logId),
    witnesses: witnesses.map((witness) => parseCheckpoint(witness, logId)),
  };
}

function parseHashes(value: unknown): Uint8Array[] {
  const bytes = typeof value === 'string' ? fromBase64(value) : undefined;
  if (!bytes || bytes.length % HASH_SIZE !== 0) invalid('leaf hashes are not a whole number of hashes');
  const hashes: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += HASH_SIZE) hashes.push(bytes.subarray(at, at + HASH_SIZE));
  return hashes;
}

function parsePending(value: unknown): readonly [number, Uint8Array] {
  const { index, hash } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const bytes = typeof hash === 'string' ? fromBase64(hash) : undefined;
  if (!isIndex(index) || !bytes || bytes.length !== HASH_SIZE) invalid('malformed pending leaf');
  return [index, bytes];
}

function parseCheckpoint(value: unknown, logId: string): OpenCheckpoint {
  const signed = signedCheckpointFromJson(value);
  const body = signed ? decodeCheckpointBody(signed.body) : undefined;
  if (!signed || !body || body.logId !== logId) invalid(`malformed checkpoint for log ${logId}`);
  return { signed, body };
}

function invalid(why: string): never {
  throw new MerkleError('invalid-snapshot', `Invalid feed verifier snapshot: ${why}`);
}
