import type { SqliteDatabase } from '../sqlite/sqlite-database';

/** One piece of scheduled work: a command a process manager must send, or a timer. */
export interface WorkItem {
  /** Unique and deterministic (derived from the event that caused it): scheduling twice is a no-op. */
  readonly id: string;
  readonly kind: string;
  readonly payload: unknown;
  /** ISO 8601 UTC: not before then. */
  readonly dueAt: string;
  readonly attempts: number;
}

/** The states of a work item; `parked` needs an operator (see {@link SqliteWorkQueue.retry}). */
export const WORK_STATES = ['pending', 'done', 'cancelled', 'parked'] as const;
export type WorkState = (typeof WORK_STATES)[number];

/** A work item as operators see it: no payload (it may name travellers' records). */
export interface WorkItemSummary {
  readonly id: string;
  readonly kind: string;
  readonly state: WorkState;
  readonly dueAt: string;
  readonly attempts: number;
  readonly lastError: string | null;
}

const SUMMARY = 'id, kind, state, due_at, attempts, last_error';
interface SummaryRow {
  id: string;
  kind: string;
  state: WorkState;
  due_at: string;
  attempts: number;
  last_error: string | null;
}
const summaryOf = (row: SummaryRow): WorkItemSummary => ({
  id: row.id, kind: row.kind, state: row.state, dueAt: row.due_at, attempts: row.attempts, lastError: row.last_error,
});

interface Row {
  id: string;
  kind: string;
  payload: string;
  due_at: string;
  attempts: number;
}

/**
 * Durable work for process managers and timers, in the same SQLite file as their inbox: an event
 * schedules work in the inbox's transaction, so a crash between "event seen" and "command sent"
 * loses nothing, and a redelivered event schedules nothing twice. Finished items are kept (as
 * done) so that an id is never scheduled again.
 */
export class SqliteWorkQueue {
  private readonly table: string;

  constructor(
    private readonly db: SqliteDatabase,
    name: string,
  ) {
    if (!/^[a-z][a-z0-9_]{0,40}$/.test(name)) throw new Error(`Work queue name ${name} must be snake_case`);
    this.table = `work_${name}`;
    db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (
      id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, due_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, state TEXT NOT NULL DEFAULT 'pending')`);
    db.exec(`CREATE INDEX IF NOT EXISTS ${this.table}_due ON ${this.table} (state, due_at)`);
  }

  /** Schedules work; false when that id was already scheduled (pending, done or cancelled). */
  schedule(item: { readonly id: string; readonly kind: string; readonly payload: unknown; readonly dueAt: string }): boolean {
    const result = this.db
      .prepare(`INSERT INTO ${this.table} (id, kind, payload, due_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
      .run(item.id, item.kind, JSON.stringify(item.payload), new Date(item.dueAt).toISOString());
    return result.changes === 1;
  }

  /** Cancels pending work (a timer whose reason went away); false when it was not pending. */
  cancel(id: string): boolean {
    return this.db.prepare(`UPDATE ${this.table} SET state = 'cancelled' WHERE id = ? AND state = 'pending'`).run(id).changes === 1;
  }

  /** Pending items due at `now`, oldest first; items due together in the order they were scheduled (event order). */
  due(now: Date, limit = 100): WorkItem[] {
    return this.db
      .prepare<[string, number], Row>(
        `SELECT id, kind, payload, due_at, attempts FROM ${this.table} WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, rowid LIMIT ?`,
      )
      .all(now.toISOString(), limit)
      .map((row) => ({ id: row.id, kind: row.kind, payload: JSON.parse(row.payload) as unknown, dueAt: row.due_at, attempts: row.attempts }));
  }

  complete(id: string): void {
    this.db.prepare(`UPDATE ${this.table} SET state = 'done', last_error = NULL WHERE id = ?`).run(id);
  }

  /** Records a failure and moves the item to `retryAt`. */
  fail(id: string, error: string, retryAt: Date): void {
    this.db
      .prepare(`UPDATE ${this.table} SET attempts = attempts + 1, last_error = ?, due_at = ? WHERE id = ?`)
      .run(error.slice(0, 500), retryAt.toISOString(), id);
  }

  /** Gives up on an item that can never succeed (kept, with its reason, for operators). */
  park(id: string, error: string): void {
    this.db.prepare(`UPDATE ${this.table} SET state = 'parked', last_error = ? WHERE id = ?`).run(error.slice(0, 500), id);
  }

  /** Items in a state, oldest due first (then in scheduling order). */
  list(state: WorkState, limit = 50): WorkItemSummary[] {
    return this.db
      .prepare<[string, number], SummaryRow>(`SELECT ${SUMMARY} FROM ${this.table} WHERE state = ? ORDER BY due_at, rowid LIMIT ?`)
      .all(state, limit)
      .map(summaryOf);
  }

  /** One item, or undefined. */
  get(id: string): WorkItemSummary | undefined {
    const row = this.db.prepare<[string], SummaryRow>(`SELECT ${SUMMARY} FROM ${this.table} WHERE id = ?`).get(id);
    return row && summaryOf(row);
  }

  /**
   * Puts a parked item back to run at `now` (an operator fixed its cause); its attempts and last
   * error are kept. False when the item is not parked.
   */
  retry(id: string, now: Date): boolean {
    return this.db.prepare(`UPDATE ${this.table} SET state = 'pending', due_at = ? WHERE id = ? AND state = 'parked'`).run(now.toISOString(), id).changes === 1;
  }

  /** How many items are in each state (for health and metrics). */
  counts(): Record<WorkState, number> {
    const counts = { pending: 0, done: 0, cancelled: 0, parked: 0 };
    const rows = this.db.prepare<[], { state: keyof typeof counts; n: number }>(`SELECT state, COUNT(*) AS n FROM ${this.table} GROUP BY state`).all();
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  /** The next pending due time, if any (timers sleep until then). */
  nextDueAt(): string | undefined {
    return this.db.prepare<[], { due_at: string }>(`SELECT MIN(due_at) AS due_at FROM ${this.table} WHERE state = 'pending'`).get()?.due_at ?? undefined;
  }
}
