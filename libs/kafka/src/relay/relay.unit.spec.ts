import {
  openSqlite,
  SqliteCheckpointStore,
  SqliteEventStore,
  type EventEnvelope,
  type SqliteDatabase,
} from '@border-ledger/event-store';
import { newEvents, uniqueStream } from '@border-ledger/event-store/testing';
import type { EventPublisher } from '../ports/event-publisher.port';
import type { KafkaLogEntry } from '../ports/logger.port';
import { backoffDelay } from './backoff';
import { Relay, type RelayOptions } from './relay';

/** Records every call; fails the first `failures` publishes, optionally waits on a gate. */
class FakePublisher implements EventPublisher {
  readonly calls: Array<{ positions: number[]; ok: boolean }> = [];
  readonly published: EventEnvelope[] = [];
  gate: Promise<void> | null = null;
  onCall: () => void = () => undefined;

  constructor(public failures = 0) {}

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    this.onCall();
    if (this.gate) await this.gate;
    const positions = events.map((e) => e.position);
    if (this.failures > 0) {
      this.failures -= 1;
      this.calls.push({ positions, ok: false });
      throw new Error('broker unavailable');
    }
    this.calls.push({ positions, ok: true });
    this.published.push(...events);
  }

  async close(): Promise<void> {}
}

let store: SqliteEventStore;
let db: SqliteDatabase;
let checkpoints: SqliteCheckpointStore;
let relays: Relay[];

beforeEach(() => {
  store = new SqliteEventStore({ path: ':memory:', pollIntervalMs: 10 });
  db = openSqlite(':memory:');
  checkpoints = new SqliteCheckpointStore(db);
  relays = [];
});
afterEach(async () => {
  await Promise.all(relays.map((relay) => relay.stop()));
  await store.close();
  db.close();
});

function relayWith(publisher: EventPublisher, options: Partial<RelayOptions> = {}): Relay {
  const relay = new Relay({ name: 'test', store, checkpoints, publisher, retryDelayMs: 1, maxRetryDelayMs: 4, ...options });
  relays.push(relay);
  return relay;
}

async function appendEvents(count: number, streams = 3): Promise<void> {
  const ids = Array.from({ length: streams }, () => uniqueStream());
  for (let i = 0; i < count; i += 1) await store.append(ids[i % streams], newEvents(1), 'any');
}

/** Resolves once `relay` has saved a checkpoint at `position` or beyond. */
function published(hooks: { onPublished?: () => void }, relay: () => Relay, position: number): Promise<void> {
  return new Promise((resolve) => {
    hooks.onPublished = () => {
      if (relay().position() >= position) resolve();
    };
  });
}

describe('Relay', () => {
  it('publishes the log in order, in batches, and checkpoints the head', async () => {
    await appendEvents(25);
    const publisher = new FakePublisher();
    const hooks: { onPublished?: () => void } = {};
    const counts: number[] = [];
    const lags: number[] = [];
    const relay = relayWith(publisher, {
      batchSize: 10,
      onPublished: (n) => (counts.push(n), hooks.onPublished?.()),
      onLag: (lag) => lags.push(lag),
    });
    const done = published(hooks, () => relay, 25);
    await relay.start();
    await done;
    expect(publisher.published.map((e) => e.position)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(counts).toEqual([10, 10, 5]);
    expect(lags).toEqual([25, 15, 5, 0]);
    expect(relay.lag()).toBe(0);
    expect(await checkpoints.load('relay:test')).toBe(25);
  });

  it('retries a failed publish with capped exponential backoff and checkpoints only after success', async () => {
    await appendEvents(4);
    const publisher = new FakePublisher(5);
    const logs: KafkaLogEntry[] = [];
    const checkpointsSeen: number[] = [];
    publisher.onCall = () => void checkpoints.load('relay:test').then((p) => checkpointsSeen.push(p));
    const hooks: { onPublished?: () => void } = {};
    const relay = relayWith(publisher, { logger: (entry) => logs.push(entry), onPublished: () => hooks.onPublished?.() });
    const done = published(hooks, () => relay, 4);
    await relay.start();
    await done;
    expect(publisher.calls).toEqual([
      ...Array.from({ length: 5 }, () => ({ positions: [1, 2, 3, 4], ok: false })),
      { positions: [1, 2, 3, 4], ok: true },
    ]);
    expect(checkpointsSeen).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await checkpoints.load('relay:test')).toBe(4);
    expect(logs.map((entry) => entry.retryInMs)).toEqual([1, 2, 4, 4, 4]);
    expect(logs[0]).toMatchObject({ level: 'warn', namespace: 'relay', step: 'publish', from: 1, to: 4, attempt: 1 });
  });

  it('resumes after the saved checkpoint and publishes only what is new', async () => {
    await appendEvents(10);
    const first = new FakePublisher();
    const hooks: { onPublished?: () => void } = {};
    const relay1 = relayWith(first, { onPublished: () => hooks.onPublished?.() });
    let done = published(hooks, () => relay1, 10);
    await relay1.start();
    await done;
    await relay1.stop();

    await appendEvents(5);
    const second = new FakePublisher();
    const relay2 = relayWith(second, { onPublished: () => hooks.onPublished?.() });
    done = published(hooks, () => relay2, 15);
    await relay2.start();
    await done;
    expect(first.published.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(second.published.map((e) => e.position)).toEqual([11, 12, 13, 14, 15]);
  });

  it('follows appends made while it runs', async () => {
    const publisher = new FakePublisher();
    const hooks: { onPublished?: () => void } = {};
    const relay = relayWith(publisher, { onPublished: () => hooks.onPublished?.() });
    await relay.start();
    const done = published(hooks, () => relay, 6);
    await appendEvents(6);
    await done;
    expect(publisher.published.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('holds only the batch in hand while the bus is down, and stop gives it up unsaved', async () => {
    await appendEvents(30);
    const publisher = new FakePublisher(Number.MAX_SAFE_INTEGER);
    let calls = 0;
    let thirdCall: () => void = () => undefined;
    const retrying = new Promise<void>((resolve) => (thirdCall = resolve));
    publisher.onCall = () => void (++calls === 3 && thirdCall());
    const relay = relayWith(publisher, { batchSize: 8 });
    await relay.start();
    await retrying;
    await relay.stop();
    expect(new Set(publisher.calls.map((call) => call.positions.join(',')))).toEqual(new Set(['1,2,3,4,5,6,7,8']));
    expect(await checkpoints.load('relay:test')).toBe(0);
    expect(relay.lag()).toBe(30);
  });

  it('keeps reporting its lag, growing with the log, while publishing fails', async () => {
    await appendEvents(30);
    const publisher = new FakePublisher(Number.MAX_SAFE_INTEGER);
    const lags: number[] = [];
    let grown: () => void = () => undefined;
    const sawGrowth = new Promise<void>((resolve) => (grown = resolve));
    const relay = relayWith(publisher, { batchSize: 8, onLag: (lag) => (lags.push(lag), lag === 35 && grown()) });
    await relay.start();
    await appendEvents(5);
    await sawGrowth;
    expect(lags[0]).toBe(30);
    expect(relay.lag()).toBe(35);
    expect(await checkpoints.load('relay:test')).toBe(0);
  });

  it('stop lets the publish in flight finish and saves its checkpoint', async () => {
    await appendEvents(3);
    const publisher = new FakePublisher();
    let release: () => void = () => undefined;
    publisher.gate = new Promise((resolve) => (release = resolve));
    const called = new Promise<void>((resolve) => (publisher.onCall = resolve));
    const relay = relayWith(publisher);
    await relay.start();
    await called;
    const stopped = relay.stop();
    release();
    await stopped;
    expect(publisher.published.map((e) => e.position)).toEqual([1, 2, 3]);
    expect(await checkpoints.load('relay:test')).toBe(3);
  });

  it('refuses to start twice', async () => {
    const relay = relayWith(new FakePublisher());
    await relay.start();
    await expect(relay.start()).rejects.toThrow('already running');
  });
});

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => backoffDelay(n, 500, 10_000))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });
});
