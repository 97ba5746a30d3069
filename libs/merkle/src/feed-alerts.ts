import type { SignedCheckpoint } from './checkpoint';

/**
 * What a receiver can prove went wrong with a feed. Each alert is evidence against the sender
 * (or the path to it); none is raised for redelivery or out-of-order arrival.
 *
 * - `rewritten`: a leaf index arrived twice with different content.
 * - `rewritten-or-reordered`: a signed checkpoint's root differs from the root over the leaves
 *   this receiver holds for the same range: a record was changed, or records were swapped. A root
 *   cannot tell which, so this is one kind.
 * - `dropped`: a signed checkpoint covers indices this receiver never got (listed in `missing`).
 * - `fork`: two signed statements that cannot both be true of one append-only log: same size and
 *   different roots, a consistency proof that fails, or a checkpoint seen by another receiver
 *   whose root differs from our prefix of that size. The sender showed two histories.
 * - `rollback`: a checkpoint signed after the trusted one, for a smaller tree.
 * - `bad-signature`, `unknown-key`, `malformed`: a checkpoint that fails `openCheckpoint`
 *   (`malformed` also covers a leaf delivered with an invalid index).
 * - `wrong-log`: a validly signed checkpoint of another log, delivered as this log's.
 */
export type FeedAlertKind =
  | 'rewritten'
  | 'rewritten-or-reordered'
  | 'dropped'
  | 'fork'
  | 'rollback'
  | 'bad-signature'
  | 'unknown-key'
  | 'malformed'
  | 'wrong-log';

/** An integrity alert about one feed. */
export interface FeedAlert {
  readonly kind: FeedAlertKind;
  /** The log the verifier follows (not the log id a bad checkpoint claims). */
  readonly logId: string;
  /** One sentence for an operator. */
  readonly detail: string;
  /** Size of the checkpoint involved, if any. */
  readonly treeSize?: number;
  /** The leaf involved, if one: the rewritten index, or the first missing one. */
  readonly index?: number;
  /** `dropped` only: the missing indices, ascending (at most {@link MAX_LISTED_MISSING}). */
  readonly missing?: readonly number[];
}

/** How many missing indices a `dropped` alert lists; `detail` gives the total count. */
export const MAX_LISTED_MISSING = 1000;

/** The refusing outcome of every `FeedVerifier` accept method: at least one alert says why. */
export interface Rejection {
  readonly status: 'rejected';
  readonly alerts: readonly [FeedAlert, ...FeedAlert[]];
}

/**
 * Outcome of `FeedVerifier.acceptLeaf`.
 * - `ok`: stored. Usually no alerts; a gossiped checkpoint that was waiting for this leaf may
 *   now be checked and raise a `fork`.
 * - `duplicate`: the same hash at the same index again; nothing changes.
 * - `pending`: stored, but an earlier index is still missing; no alert until a checkpoint covers the gap.
 * - `rejected`: not stored; `alerts` says why: `rewritten`, or `malformed` for an index that is
 *   not a non-negative safe integer or content that is not bytes.
 */
export type LeafOutcome =
  | { readonly status: 'ok' | 'duplicate' | 'pending'; readonly alerts: readonly FeedAlert[] }
  | Rejection;

/** The checkpoint a receiver currently trusts, in decoded and signed form (the latter to gossip). */
export interface TrustedCheckpoint {
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  readonly timestamp: string;
  readonly signed: SignedCheckpoint;
}

/**
 * Outcome of `FeedVerifier.acceptCheckpoint`.
 * - `accepted`: it is now the trusted checkpoint.
 * - `stale`: validly signed and consistent with what we hold, but not newer than the trusted one
 *   (redelivery, or an older checkpoint arriving late).
 * - `rejected`: not trusted; `alerts` says why.
 */
export type CheckpointOutcome =
  | { readonly status: 'accepted'; readonly trusted: TrustedCheckpoint; readonly alerts: readonly [] }
  | { readonly status: 'stale'; readonly alerts: readonly [] }
  | Rejection;

/**
 * Outcome of `FeedVerifier.acceptWitnessedCheckpoint`.
 * - `consistent`: its root equals the root of our own prefix of its size.
 * - `pending`: larger than the leaves we hold; kept and checked as leaves arrive.
 * - `rejected`: `alerts` says why (`fork`, or a signature problem).
 */
export type WitnessOutcome =
  | { readonly status: 'consistent' | 'pending'; readonly alerts: readonly [] }
  | Rejection;
