import type { SqliteDatabase } from '../sqlite/sqlite-database';

/**
 * Exactly-once effects over at-least-once delivery: a consumer records each event id it applied
 * in the same SQLite transaction as the read-model change, so a redelivered event is a no-op.
 */
export class SqliteInbox {
  private readonly seen;
  private readonly mark;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly consumer: string,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS inbox (
      consumer TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (consumer, event_id))`);
    this.seen = db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM inbox WHERE consumer = ? AND event_id = ?',
    );
    this.mark = db.prepare<[string, string]>('INSERT INTO inbox (consumer, event_id) VALUES (?, ?)');
  }

  /**
   * Runs `effect` and records `eventId` atomically, unless the id was already recorded.
   * Returns true when the effect ran, false for a duplicate.
   */
  applyOnce(eventId: string, effect: () => void): boolean {
    return this.db.transaction(() => {
      if (this.seen.get(this.consumer, eventId)) return false;
      effect();
      this.mark.run(this.consumer, eventId);
      return true;
    })();
  }

  /** Like {@link applyOnce} for several events in one transaction; returns how many were new. */
  applyBatchOnce<T extends { eventId: string }>(events: readonly T[], effect: (event: T) => void): number {
    return this.db.transaction(() => {
      let applied = 0;
      for (const event of events) {
        if (this.seen.get(this.consumer, event.eventId)) continue;
        effect(event);
        this.mark.run(this.consumer, event.eventId);
        applied += 1;
      }
      return applied;
    })();
  }
}
