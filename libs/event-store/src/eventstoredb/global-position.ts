import type { GlobalPosition } from '../port/envelope';

/**
 * Most events one append may carry: the low part of a {@link GlobalPosition} numbers the events
 * of a batch, the high part is the commit position of the event the batch follows (its anchor).
 */
export const POSITION_SLOTS = 1024;

/** Largest anchor (commit position, in bytes of the log) whose positions stay exact in a double. */
export const MAX_ANCHOR = Math.floor(Number.MAX_SAFE_INTEGER / POSITION_SLOTS) - 1;

/**
 * The global position of the `index`-th event (0-based) of a batch appended after the event at
 * commit position `anchor` (0 before the first event). The hash of an event covers its position,
 * so the position must be known before EventStoreDB assigns a commit position: it is derived from
 * the previous event's commit position, which is known, and it is strictly monotonic because each
 * batch's anchor lies past the previous batch's anchor.
 */
export function encodePosition(anchor: number, index: number): GlobalPosition {
  return anchor * POSITION_SLOTS + index + 1;
}

/** The commit position of the event the batch holding `position` was appended after (0: none). */
export function anchorOf(position: GlobalPosition): number {
  return position <= 0 ? 0 : Math.floor((position - 1) / POSITION_SLOTS);
}

/** The 1-based number of the event within its batch. */
export function slotOf(position: GlobalPosition): number {
  return position - anchorOf(position) * POSITION_SLOTS;
}
