import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { signCheckpoint, type SignedCheckpoint } from './checkpoint';
import { leafHash } from './hashing';
import { buildTrustList, type TrustList } from './keys';
import { consistencyProof } from './proofs';
import { MemorySubtreeCache, treeRoot } from './subtree';

/** The feed the tests follow. */
export const LOG_ID = 'th-ddc/la-moh/screening';

const sender = generateKeyPairSync('ed25519');

/** Trust list with the test sender's key for {@link LOG_ID}. */
export const senderTrust: TrustList = buildTrustList([{ publicKey: sender.publicKey, agency: 'TH-DDC', logIds: [LOG_ID] }]);

/** Record `i` of a test feed, as the bytes that are hashed into leaf `i`. */
export function record(i: number, variant = ''): Uint8Array {
  return Buffer.from(JSON.stringify({ type: 'ScreeningCompleted', seq: i, variant }), 'utf8');
}

/** ISO time `minutes` after a fixed start. */
export function at(minutes: number): string {
  return new Date(Date.UTC(2025, 2, 1, 8, minutes)).toISOString();
}

/**
 * A sender's log: records appended in order, checkpoints and consistency proofs over them.
 * Tests make a dishonest sender by giving two instances different records.
 */
export class TestLog {
  readonly records: Uint8Array[] = [];
  private readonly hashes: Uint8Array[] = [];
  private readonly cache = new MemorySubtreeCache();

  constructor(
    count = 0,
    private readonly key: KeyObject = sender.privateKey,
    private readonly logId = LOG_ID,
  ) {
    for (let i = 0; i < count; i++) this.append(record(i));
  }

  /** A log with the same first records as this one (records are shared, not copied). */
  static of(records: readonly Uint8Array[], key?: KeyObject, logId?: string): TestLog {
    const log = new TestLog(0, key, logId);
    for (const r of records) log.append(r);
    return log;
  }

  /** Appends one record. */
  append(data: Uint8Array): void {
    this.records.push(data);
    this.hashes.push(leafHash(data));
  }

  /** A checkpoint of the first `size` records, signed at `time`. */
  checkpoint(size: number, time: string): SignedCheckpoint {
    return signCheckpoint({ logId: this.logId, treeSize: size, rootHash: treeRoot(size, this.hashes, this.cache), timestamp: time }, this.key);
  }

  /** The consistency proof this log serves from `size1` to `size2`. */
  consistency(size1: number, size2: number): Uint8Array[] {
    return consistencyProof(size1, size2, this.hashes, this.cache);
  }
}
