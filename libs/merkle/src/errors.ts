/**
 * Why a request to this library was refused.
 *
 * - `invalid-argument`: an index or tree size that is not a non-negative safe integer, or out of range.
 * - `missing-leaf`: a {@link LeafHashReader} has no 32-byte hash at an index the tree needs.
 * - `invalid-checkpoint`: a checkpoint body that cannot be encoded canonically.
 * - `invalid-key`: a PEM that is not an Ed25519 key of the expected kind.
 * - `invalid-snapshot`: a persisted verifier snapshot that is malformed or does not match its own leaves.
 */
export type MerkleErrorCode = 'invalid-argument' | 'missing-leaf' | 'invalid-checkpoint' | 'invalid-key' | 'invalid-snapshot';

/**
 * Thrown by the functions a log OWNER calls (proof generation, signing, key loading, restore):
 * their inputs are the caller's own data, so a bad one is a programming or storage error.
 * Functions that judge UNTRUSTED input (proof verification, opening checkpoints, the feed
 * verifier's accept methods) never throw for bad input: they return `false` or a typed result.
 */
export class MerkleError extends Error {
  constructor(
    readonly code: MerkleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MerkleError';
  }
}

/** Compile-time proof that a switch handled every case. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
