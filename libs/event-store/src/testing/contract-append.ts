import { hashEvent } from '../hash-chain/hash-chain';
import { GENESIS_HASH } from '../port/envelope';
import { DuplicateEventIdError, InvalidAppendError, WrongExpectedRevisionError } from '../port/errors';
import type { EventStore } from '../port/event-store.port';
import { newEvent, newEvents, uniqueStream, type ContractSubject } from './fixtures';

export function appendContract(subject: ContractSubject): void {
  let store: EventStore;
  beforeEach(async () => {
    store = await subject.open();
  });
  afterEach(async () => store.close());

  it('appends to a new stream with no-stream and returns revision and position', async () => {
    const stream = uniqueStream();
    const result = await store.append(stream, newEvents(3), 'no-stream');
    expect(result.nextExpectedRevision).toBe(2);
    expect(result.position).toBe(await store.headPosition());
    expect(await store.streamRevision(stream)).toBe(2);
  });

  it('enforces the expected revision and reports the current one', async () => {
    const stream = uniqueStream();
    await store.append(stream, newEvents(2), 'no-stream');
    await expect(store.append(stream, [newEvent()], 'no-stream')).rejects.toMatchObject({
      code: 'WRONG_EXPECTED_REVISION',
      currentRevision: 1,
    });
    const error = await store.append(stream, [newEvent()], 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.append(stream, [newEvent()], 1)).toMatchObject({ nextExpectedRevision: 2 });
    expect(await store.append(stream, [newEvent()], 'any')).toMatchObject({ nextExpectedRevision: 3 });
    await expect(store.append(uniqueStream(), [newEvent()], 0)).rejects.toMatchObject({ currentRevision: null });
  });

  it('stores the full envelope, hash-chained over the global log', async () => {
    const stream = uniqueStream();
    const head = await store.headPosition();
    const input = newEvent({ metadata: { agency: 'KH-IMM', country: 'KH', correlationId: 'c-1', causationId: 'k-1' } });
    await store.append(stream, [input, newEvent()], 'no-stream');
    await store.append(stream, [newEvent()], 1);
    const stored = await store.readStream(stream);
    expect(stored[0]).toMatchObject({ ...input, streamId: stream, revision: 0 });
    expect(Number.isNaN(Date.parse(stored[0].recordedAt))).toBe(false);
    for (const event of stored) expect(event.hash).toBe(hashEvent(event));
    // Linked within a batch, across appends, and (on an empty store) to the genesis hash.
    expect(stored.slice(1).map((e) => e.previousHash)).toEqual(stored.slice(0, 2).map((e) => e.hash));
    if (head === 0) expect(stored[0].previousHash).toBe(GENESIS_HASH);
    expect(await store.verify()).toMatchObject({ ok: true });
  });

  it('answers a retried append with the original result and stores no copy', async () => {
    const stream = uniqueStream();
    const batch = newEvents(2);
    const first = await store.append(stream, batch, 'no-stream');
    await store.append(stream, [newEvent()], 'any');
    const head = await store.headPosition();
    expect(await store.append(stream, batch, 'no-stream')).toEqual(first);
    expect(await store.append(stream, batch, 'any')).toEqual(first);
    expect(await store.headPosition()).toBe(head);
    expect(await store.readStream(stream)).toHaveLength(3);
  });

  it('refuses an event id that another stream or another batch already holds', async () => {
    const [a, b] = newEvents(2);
    const stream = uniqueStream();
    await store.append(stream, [a], 'no-stream');
    await expect(store.append(uniqueStream(), [a], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(store.append(stream, [b, a], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('refuses malformed appends and stores nothing', async () => {
    const head = await store.headPosition();
    const bad: Array<Promise<unknown>> = [
      store.append('', [newEvent()], 'any'),
      store.append(uniqueStream(), [], 'any'),
      store.append(uniqueStream(), [newEvent({ eventId: 'not-a-uuid' })], 'any'),
      store.append(uniqueStream(), [newEvent({ data: { x: Number.NaN } })], 'any'),
      store.append(uniqueStream(), [newEvent({ occurredAt: 'yesterday' })], 'any'),
      store.append(uniqueStream(), [newEvent({ schemaVersion: 0 })], 'any'),
      store.append(uniqueStream(), [newEvent({ type: 'NoContext' })], 'any'),
      store.append(uniqueStream(), [newEvent()], -1),
    ];
    for (const attempt of bad) await expect(attempt).rejects.toBeInstanceOf(InvalidAppendError);
    expect(await store.headPosition()).toBe(head);
  });

  it('commits a batch atomically: a conflicting batch leaves nothing behind', async () => {
    const stream = uniqueStream();
    await store.append(stream, newEvents(1), 'no-stream');
    const head = await store.headPosition();
    await expect(store.append(stream, newEvents(5), 7)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.headPosition()).toBe(head);
  });
}
