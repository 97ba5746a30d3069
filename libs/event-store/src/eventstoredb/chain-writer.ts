import {
  CancelledError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendResult as EsdbAppendResult,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { hashEvent, type HashedFields } from '../hash-chain/hash-chain';
import { GENESIS_HASH, type EventEnvelope, type GlobalPosition, type NewEvent } from '../port/envelope';
import { DuplicateEventIdError, InvalidAppendError, WrongExpectedRevisionError } from '../port/errors';
import type { AppendResult, ExpectedRevision } from '../port/event-store.port';
import { fromRecorded, isSystemEvent, toEventData } from './esdb-envelope';
import { lastRevision, readAllBackwards, readStreamEvents } from './esdb-reads';
import { encodePosition, MAX_ANCHOR, POSITION_SLOTS } from './global-position';

/** The last event of the chain: its commit position (the next batch's anchor) and hash. */
interface ChainHead {
  readonly anchor: number;
  readonly hash: string;
}

interface Remembered {
  readonly streamId: string;
  readonly revision: number;
  readonly position: GlobalPosition;
}

/** How often an `any` append is tried when another writer moves the stream under it. */
const ANY_ATTEMPTS = 3;
/** How often an append is tried when the connection fails (the client reconnects on the next call). */
const TRANSPORT_ATTEMPTS = 2;

/**
 * The single writer of a node's hash chain. Appends run one at a time: a batch is hashed from
 * the head left by the previous acknowledged batch, kept in memory and read from `$all`
 * backwards on first use (and again after an append whose outcome is unknown). It also
 * remembers the ids of the last `window` events, to answer retries and refuse reused ids the way
 * the SQLite store does; EventStoreDB itself has no node-wide index of event ids.
 */
export class ChainWriter {
  private head: ChainHead | undefined;
  private readonly recent = new Map<string, Remembered>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly clock: () => Date,
    private readonly window: number,
  ) {}

  append(streamId: string, events: readonly NewEvent[], dataJson: string[], expected: ExpectedRevision): Promise<AppendResult> {
    const run = this.tail.then(() => this.appendNow(streamId, events, dataJson, expected, 1));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Settles when every append queued so far has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }

  private async appendNow(
    streamId: string,
    events: readonly NewEvent[],
    dataJson: string[],
    expected: ExpectedRevision,
    attempt: number,
  ): Promise<AppendResult> {
    if (events.length > POSITION_SLOTS) throw new InvalidAppendError(`An append holds at most ${POSITION_SLOTS} events`);
    const head = this.head ?? (await this.loadHead());
    const retried = this.findRetriedBatch(streamId, events);
    if (retried) return retried;
    // The hash covers the revision, so an `any` append is sent with the revision it was hashed at.
    const base =
      expected === 'any' ? ((await lastRevision(this.client, streamId)) ?? -1) : expected === 'no-stream' ? -1 : expected;
    const sealed = this.seal(streamId, events, dataJson, base, head);
    let result: EsdbAppendResult;
    try {
      result = await this.client.appendToStream(streamId, sealed.map(toEventData), {
        expectedRevision: base < 0 ? NO_STREAM : BigInt(base),
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        if (expected === 'any' && attempt < ANY_ATTEMPTS) {
          this.head = undefined;
          return this.appendNow(streamId, events, dataJson, expected, attempt + 1);
        }
        const current = error.actualVersion === NO_STREAM ? null : Number(error.actualVersion);
        throw new WrongExpectedRevisionError(streamId, expected, current);
      }
      if (error instanceof MaxAppendSizeExceededError) {
        throw new InvalidAppendError(`The batch exceeds the server's maximum append size (${error.maxAppendSize} bytes)`);
      }
      // Written or not, nobody knows: read the head again before the next append. Trying again is
      // safe: a batch that did land is then found among the remembered ids and answered as before.
      this.head = undefined;
      const transient = error instanceof UnavailableError || error instanceof CancelledError;
      if (transient && attempt < TRANSPORT_ATTEMPTS) return this.appendNow(streamId, events, dataJson, expected, attempt + 1);
      throw error;
    }
    return this.settle(streamId, sealed, result, head);
  }

  private seal(
    streamId: string,
    events: readonly NewEvent[],
    dataJson: string[],
    base: number,
    head: ChainHead,
  ): EventEnvelope[] {
    if (head.anchor > MAX_ANCHOR) throw new Error('The log has outgrown the positions a double holds exactly');
    const recordedAt = this.clock().toISOString();
    let previousHash = head.hash;
    return events.map((event, index) => {
      const { agency, country, correlationId, causationId } = event.metadata;
      const fields: HashedFields = {
        // The server stores a GUID and hands it back in lower case; hash what will be read.
        eventId: event.eventId.toLowerCase(),
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: JSON.parse(dataJson[index]) as unknown,
        occurredAt: event.occurredAt,
        metadata: { agency, country, correlationId, causationId: causationId ?? null },
        streamId,
        revision: base + 1 + index,
        position: encodePosition(head.anchor, index),
        recordedAt,
        previousHash,
      };
      const envelope: EventEnvelope = { ...fields, hash: hashEvent(fields) };
      previousHash = envelope.hash;
      return envelope;
    });
  }

  private async settle(
    streamId: string,
    sealed: EventEnvelope[],
    result: EsdbAppendResult,
    head: ChainHead,
  ): Promise<AppendResult> {
    if (!result.position) {
      this.head = undefined;
      throw new Error('EventStoreDB acknowledged an append without its position');
    }
    const commit = Number(result.position.commit);
    if (commit <= head.anchor) {
      // The server recognised a retry of a batch written before (its idempotent append) and
      // answered with the original last event, which lies behind the head: nothing was written.
      const revision = Number(result.nextExpectedRevision);
      const [original] = await readStreamEvents(this.client, streamId, { fromRevision: BigInt(revision), maxCount: 1 });
      return { nextExpectedRevision: revision, position: fromRecorded(original).position };
    }
    const last = sealed[sealed.length - 1];
    this.head = { anchor: commit, hash: last.hash };
    sealed.forEach((envelope) => this.remember(envelope));
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  private async loadHead(): Promise<ChainHead> {
    this.recent.clear();
    let head: ChainHead | undefined;
    const latest: EventEnvelope[] = [];
    for await (const event of readAllBackwards(this.client)) {
      if (isSystemEvent(event)) continue;
      const envelope = fromRecorded(event);
      head ??= { anchor: Number(event.position.commit), hash: envelope.hash };
      if (latest.length >= this.window) break;
      latest.push(envelope);
    }
    latest.reverse().forEach((envelope) => this.remember(envelope));
    this.head = head ?? { anchor: 0, hash: GENESIS_HASH };
    return this.head;
  }

  private remember(envelope: EventEnvelope): void {
    this.recent.set(envelope.eventId, { streamId: envelope.streamId, revision: envelope.revision, position: envelope.position });
    if (this.recent.size > this.window) this.recent.delete(this.recent.keys().next().value as string);
  }

  /** A batch whose event ids are all already in this stream, in order, is a retry: answer as before. */
  private findRetriedBatch(streamId: string, events: readonly NewEvent[]): AppendResult | null {
    const found = events.map((event) => this.recent.get(event.eventId.toLowerCase()));
    if (found.every((entry) => entry === undefined)) return null;
    const first = found[0];
    const isSameBatch =
      first !== undefined &&
      found.every((entry, i) => entry !== undefined && entry.streamId === streamId && entry.revision === first.revision + i);
    if (!isSameBatch) {
      const clash = events[found.findIndex((entry) => entry !== undefined)].eventId;
      throw new DuplicateEventIdError(clash, 'already stored as part of another append');
    }
    const last = found[found.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }
}
