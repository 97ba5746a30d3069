import { bytesEqual } from './bytes';
import type { OpenCheckpoint } from './feed-snapshot';

/** Gossiped checkpoints kept while waiting for leaves; the oldest goes first beyond this. */
export const MAX_PENDING_WITNESSES = 64;

/**
 * Checkpoints other receivers saw, larger than the leaves we hold, kept until our leaves cover
 * them. Bounded, so a flood of gossip cannot grow the state without limit.
 */
export class PendingWitnesses {
  private items: OpenCheckpoint[];

  constructor(items: readonly OpenCheckpoint[] = []) {
    this.items = items.slice(-MAX_PENDING_WITNESSES);
  }

  /** Keeps a witness once, however often it is gossiped. */
  add(witness: OpenCheckpoint): void {
    if (this.items.some((kept) => bytesEqual(kept.signed.body, witness.signed.body))) return;
    this.items.push(witness);
    if (this.items.length > MAX_PENDING_WITNESSES) this.items.shift();
  }

  /** Removes and returns the witnesses no larger than `leafCount`: those that can now be checked. */
  takeDue(leafCount: number): OpenCheckpoint[] {
    const due = this.items.filter((w) => w.body.treeSize <= leafCount);
    if (due.length > 0) this.items = this.items.filter((w) => w.body.treeSize > leafCount);
    return due;
  }

  /** The witnesses still waiting, oldest first. */
  list(): readonly OpenCheckpoint[] {
    return this.items;
  }
}
