/**
 * Exactly-once effects over at-least-once delivery: applies each event whose id it has not
 * recorded yet and records the id in the same transaction as the effect. `SqliteInbox` from
 * `@border-ledger/event-store` implements it.
 */
export interface Inbox {
  /**
   * Runs `effect` for each event not seen before, all in one transaction; if `effect` throws,
   * nothing of the batch is recorded. Returns how many events were new.
   */
  applyBatchOnce<T extends { eventId: string }>(events: readonly T[], effect: (event: T) => void): number;
}
