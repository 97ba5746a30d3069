/** One event of the emulated transaction file. Commit and prepare positions are equal, as for every
 * event written by a gRPC append (implicit transactions). */
export interface LogRecord {
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  /** Canonical (lower-case) form, as the server formats a parsed GUID. */
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, what the server sends as `created`. */
  readonly created: bigint;
}

export type ProposedEvent = Pick<LogRecord, 'eventId' | 'type' | 'contentType' | 'data' | 'metadata'>;

/** The server's expected-version constants. */
export const EXPECTED_ANY = -2n;
export const EXPECTED_NO_STREAM = -1n;
export const EXPECTED_STREAM_EXISTS = -4n;

export type AppendOutcome =
  | { readonly kind: 'success'; readonly revision: bigint; readonly position: bigint }
  /** `current` is -1 when the stream does not exist. */
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint; readonly expected: bigint };

export type ReadFrom = 'start' | 'end' | bigint;
type Listener = (records: readonly LogRecord[]) => void;

/** Fixed part of a prepare record on disk (LogV2), so positions advance like byte offsets. */
const RECORD_OVERHEAD = 84;
const TICKS_PER_MS = 10_000n;

/**
 * The storage side of the emulator: `$all` in commit order, streams indexed by revision, and the
 * server's commit check (expected version and idempotency, ported from `IndexWriter.CheckCommit`).
 */
export class EmulatorLog {
  private readonly all: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  /** The server keeps a bounded cache of committed event ids; the emulator never forgets. */
  private readonly byEventId = new Map<string, LogRecord>();
  private readonly listeners = new Set<Listener>();
  // Position 0 holds the epoch record a real node writes first, which is not an event.
  private nextPosition = 128n;

  append(streamId: string, expected: bigint, events: readonly ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const current = BigInt(stream.length) - 1n;
    const conflict: AppendOutcome = { kind: 'wrong-expected-version', current, expected };
    if (expected === EXPECTED_STREAM_EXISTS && current < 0n) return conflict;
    if (expected === EXPECTED_ANY || expected === EXPECTED_STREAM_EXISTS) {
      // Idempotency by event id: all known in this stream = already written; only some = corrupted.
      const known = events.map((event) => this.byEventId.get(event.eventId));
      if (known[0] === undefined || known[0].streamId !== streamId) return this.write(streamId, stream, events);
      if (known.some((record) => record === undefined || record.streamId !== streamId)) return conflict;
      const last = known[known.length - 1]!;
      return { kind: 'success', revision: last.revision, position: last.position };
    }
    if (expected < current) {
      // A retry with the expected version it was first written with is answered as before.
      const matches = events.every((event, i) => stream[Number(expected) + 1 + i]?.eventId === event.eventId);
      if (!matches) return conflict;
      const last = stream[Number(expected) + events.length];
      return { kind: 'success', revision: last.revision, position: last.position };
    }
    if (expected > current) return conflict;
    return this.write(streamId, stream, events);
  }

  private write(streamId: string, stream: LogRecord[], events: readonly ProposedEvent[]): AppendOutcome {
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    const written = events.map((event) => {
      const record: LogRecord = { ...event, streamId, revision: BigInt(stream.length), position: this.nextPosition, created };
      this.nextPosition += BigInt(
        RECORD_OVERHEAD + Buffer.byteLength(streamId) + Buffer.byteLength(event.type) + event.data.length + event.metadata.length,
      );
      stream.push(record);
      this.all.push(record);
      this.byEventId.set(record.eventId, record);
      return record;
    });
    this.streams.set(streamId, stream);
    for (const listener of this.listeners) listener(written);
    const last = written[written.length - 1];
    return { kind: 'success', revision: last.revision, position: last.position };
  }

  /** Undefined when the stream does not exist. `from` is inclusive in both directions. */
  readStream(streamId: string, from: ReadFrom, backwards: boolean, count: number): LogRecord[] | undefined {
    const stream = this.streams.get(streamId);
    if (!stream) return undefined;
    if (backwards) {
      const start = from === 'end' ? stream.length - 1 : from === 'start' ? 0 : Math.min(Number(from), stream.length - 1);
      return stream.slice(Math.max(0, start - count + 1), start + 1).reverse();
    }
    const start = from === 'start' ? 0 : from === 'end' ? stream.length : Number(from);
    return stream.slice(start, start + count);
  }

  /** Forwards from a position is inclusive; backwards is exclusive (positions are post-positions there). */
  readAll(from: ReadFrom, backwards: boolean, count: number): LogRecord[] {
    if (backwards) {
      const end = from === 'end' ? this.all.length : from === 'start' ? 0 : this.firstIndexAtOrAfter(from);
      return this.all.slice(Math.max(0, end - count), end).reverse();
    }
    const start = from === 'start' ? 0 : from === 'end' ? this.all.length : this.firstIndexAtOrAfter(from);
    return this.all.slice(start, start + count);
  }

  /** Every event of `$all`, in order. */
  records(): readonly LogRecord[] {
    return [...this.all];
  }

  /** Replaces a stored event in place, as an edit of the log's files on disk would. */
  tamper(eventId: string, change: (record: LogRecord) => LogRecord): void {
    const record = this.byEventId.get(eventId);
    if (!record) throw new Error(`No event ${eventId}`);
    const changed = change(record);
    const stream = this.streams.get(record.streamId)!;
    stream[Number(record.revision)] = changed;
    this.all[this.all.indexOf(record)] = changed;
    this.byEventId.set(eventId, changed);
  }

  /**
   * Catch-up then live, atomically (no append can slip between the two in one event-loop turn).
   * Like the server, a subscription from a position reads one event at that position and starts
   * after it, so the position must be an event's own position or that next event is skipped.
   */
  subscribeToAll(from: ReadFrom, listener: Listener): { readonly catchUp: LogRecord[]; readonly cancel: () => void } {
    const at = from === 'start' ? 0 : from === 'end' ? this.all.length : this.firstIndexAtOrAfter(from) + 1;
    const start = Math.min(at, this.all.length);
    this.listeners.add(listener);
    return { catchUp: this.all.slice(start), cancel: () => this.listeners.delete(listener) };
  }

  private firstIndexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.all[mid].position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
