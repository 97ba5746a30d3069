export { bytesEqual, fromBase64, toBase64, toHex } from './bytes';
export { MerkleError, type MerkleErrorCode } from './errors';
export { emptyRoot, HASH_SIZE, leafHash, nodeHash, rootFromLeafHashes } from './hashing';
export { MemorySubtreeCache, subtreeRoot, treeRoot, type LeafHashReader, type SubtreeCache } from './subtree';
export { consistencyProof, inclusionProof } from './proofs';
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify';
export { buildTrustList, ed25519PrivateKeyFromPem, ed25519PublicKeyFromPem, keyIdOf, type TrustedKey, type TrustList } from './keys';
export {
  decodeCheckpointBody,
  encodeCheckpointBody,
  openCheckpoint,
  signCheckpoint,
  type CheckpointBody,
  type CheckpointRefusal,
  type OpenedCheckpoint,
  type SignedCheckpoint,
} from './checkpoint';
export { signedCheckpointFromJson, signedCheckpointToJson, type SignedCheckpointJson } from './checkpoint-json';
export {
  MAX_LISTED_MISSING,
  type CheckpointOutcome,
  type FeedAlert,
  type FeedAlertKind,
  type LeafOutcome,
  type Rejection,
  type TrustedCheckpoint,
  type WitnessOutcome,
} from './feed-alerts';
export { type FeedVerifierSnapshot } from './feed-snapshot';
export { FeedVerifier } from './feed-verifier';
export { MAX_PENDING_WITNESSES } from './feed-witnesses';
