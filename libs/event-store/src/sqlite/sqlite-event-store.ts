import { EventEmitter } from 'node:events';
import { hashEvent } from '../hash-chain/hash-chain';
import { GENESIS_HASH, type EventEnvelope, type GlobalPosition, type NewEvent } from '../port/envelope';
import { DuplicateEventIdError, EventStoreClosedError, WrongExpectedRevisionError } from '../port/errors';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
  Subscription,
} from '../port/event-store.port';
import { validateAppend } from '../port/validate-append';
import { startCatchUpSubscription } from '../subscription/catch-up-subscription';
import { openSqlite, type SqliteDatabase } from './sqlite-database';
import { envelopeToRow, rowToEnvelope } from './sqlite-rows';
import { migrateEventStore, type EventRow } from './sqlite-schema';
import { verifyLog } from './sqlite-verify';

export interface SqliteEventStoreOptions {
  /** File path, or `:memory:` for tests. */
  readonly path: string;
  /** Store clock for `recordedAt`; injectable for tests. */
  readonly clock?: () => Date;
  /** How often a live subscription polls for appends made by other processes. */
  readonly pollIntervalMs?: number;
  /** Most appends committed together under one fsync. */
  readonly maxGroupSize?: number;
}

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly dataJson: string[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The embedded event store of the edge node. better-sqlite3 is synchronous, so appends that
 * arrive together are queued and committed in one transaction (group commit: one fsync for the
 * group); each append runs under its own savepoint, so a conflict fails only that append.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: SqliteDatabase;
  private readonly clock: () => Date;
  private readonly pollIntervalMs: number;
  private readonly maxGroupSize: number;
  private readonly appended = new EventEmitter();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private commits = 0;
  private appendsCommitted = 0;
  private readonly stmts;

  constructor(options: SqliteEventStoreOptions) {
    this.db = openSqlite(options.path);
    migrateEventStore(this.db);
    this.clock = options.clock ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.maxGroupSize = options.maxGroupSize ?? 512;
    this.appended.setMaxListeners(0);
    this.stmts = {
      byEventId: this.db.prepare<[string], Pick<EventRow, 'stream_id' | 'revision' | 'position'>>(
        'SELECT stream_id, revision, position FROM events WHERE event_id = ?',
      ),
      streamRevision: this.db.prepare<[string], { revision: number | null }>(
        'SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?',
      ),
      head: this.db.prepare<[], Pick<EventRow, 'position' | 'hash'>>(
        'SELECT position, hash FROM events ORDER BY position DESC LIMIT 1',
      ),
      insert: this.db.prepare<[EventRow]>(
        `INSERT INTO events (position, event_id, stream_id, revision, type, schema_version, data, occurred_at,
           recorded_at, agency, country, correlation_id, causation_id, previous_hash, hash)
         VALUES (@position, @event_id, @stream_id, @revision, @type, @schema_version, @data, @occurred_at,
           @recorded_at, @agency, @country, @correlation_id, @causation_id, @previous_hash, @hash)`,
      ),
      readForwards: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
      ),
      readBackwards: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
      ),
      readAll: this.db.prepare<[number, number], EventRow>(
        'SELECT * FROM events WHERE position > ? ORDER BY position ASC LIMIT ?',
      ),
    };
  }

  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreClosedError());
    let dataJson: string[];
    try {
      dataJson = validateAppend(streamId, events, expected);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, dataJson, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const group = this.queue.splice(0, this.maxGroupSize);
    if (this.queue.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    if (group.length === 0) return;
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    const recordedAt = this.clock().toISOString();
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const pending of group) {
        this.db.exec('SAVEPOINT one_append');
        try {
          outcomes.push({ ok: true, result: this.appendInTransaction(pending, recordedAt) });
          this.db.exec('RELEASE one_append');
        } catch (error) {
          this.db.exec('ROLLBACK TO one_append; RELEASE one_append');
          outcomes.push({ ok: false, error });
        }
      }
      this.db.exec('COMMIT');
      this.commits += 1;
      this.appendsCommitted += group.length;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      group.forEach((pending) => pending.reject(error));
      return;
    }
    group.forEach((pending, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
    this.appended.emit('appended');
  }

  private appendInTransaction(pending: PendingAppend, recordedAt: string): AppendResult {
    const { streamId, events, expected } = pending;
    const retried = this.findRetriedBatch(streamId, events);
    if (retried) return retried;
    const current = this.stmts.streamRevision.get(streamId)?.revision ?? null;
    const matches =
      expected === 'any' || (expected === 'no-stream' ? current === null : current === expected);
    if (!matches) throw new WrongExpectedRevisionError(streamId, expected, current);

    const head = this.stmts.head.get();
    let position = head?.position ?? 0;
    let previousHash = head?.hash ?? GENESIS_HASH;
    let revision = current ?? -1;
    events.forEach((event, index) => {
      position += 1;
      revision += 1;
      const fields = { ...event, streamId, revision, position, recordedAt, previousHash };
      const envelope: EventEnvelope = { ...fields, hash: hashEvent(fields) };
      this.stmts.insert.run(envelopeToRow(envelope, pending.dataJson[index]));
      previousHash = envelope.hash;
    });
    return { nextExpectedRevision: revision, position };
  }

  /** A batch whose event ids are all already in this stream, in order, is a retry: answer as before. */
  private findRetriedBatch(streamId: string, events: readonly NewEvent[]): AppendResult | null {
    const found = events.map((event) => this.stmts.byEventId.get(event.eventId));
    if (found.every((row) => row === undefined)) return null;
    const first = found[0];
    const isSameBatch =
      first !== undefined &&
      found.every((row, i) => row !== undefined && row.stream_id === streamId && row.revision === first.revision + i);
    const clash = events[found.findIndex((row) => row !== undefined)].eventId;
    if (!isSameBatch) throw new DuplicateEventIdError(clash, 'already stored as part of another append');
    const last = found[found.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  /** Group-commit figures: how many transactions (fsyncs) carried how many appends. */
  stats(): { commits: number; appends: number } {
    return { commits: this.commits, appends: this.appendsCommitted };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    this.assertOpen();
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.stmts.readBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.stmts.readForwards.all(streamId, options.fromRevision ?? 0, limit);
    return rows.map(rowToEnvelope);
  }

  async streamRevision(streamId: string): Promise<number | null> {
    this.assertOpen();
    return this.stmts.streamRevision.get(streamId)?.revision ?? null;
  }

  async readAll(options: ReadAllOptions): Promise<EventEnvelope[]> {
    this.assertOpen();
    return this.stmts.readAll.all(options.after, options.limit).map(rowToEnvelope);
  }

  async headPosition(): Promise<GlobalPosition> {
    this.assertOpen();
    return this.stmts.head.get()?.position ?? 0;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return startCatchUpSubscription(
      { readAll: (o) => this.readAll(o), waitForAppend: (_position, signal) => this.waitForAppend(signal) },
      options,
    );
  }

  private waitForAppend(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.appended.off('appended', finish);
        signal.removeEventListener('abort', finish);
        resolve();
      };
      const timer = setTimeout(finish, this.pollIntervalMs);
      this.appended.once('appended', finish);
      signal.addEventListener('abort', finish, { once: true });
    });
  }

  async verify() {
    this.assertOpen();
    return verifyLog(this.db);
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Let appends already queued commit before the file is closed (graceful shutdown drains).
    while (this.queue.length > 0) this.flush();
    this.closed = true;
    this.appended.emit('appended');
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}
