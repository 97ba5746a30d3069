import { randomUUID } from 'node:crypto';
import { hashEvent, InvalidAppendError, WrongExpectedRevisionError, type EventEnvelope } from '@border-ledger/event-store';
import { newEvent, newEvents, uniqueStream } from '@border-ledger/event-store/testing';
import { json, useEmulatedStores, waitFor } from './adapter-harness';
import type { LogRecord } from '.';

const stores = useEmulatedStores();
const { open, recordsOf } = stores;

describe('eventstoredb adapter: envelope and expected revisions', () => {
  it('keeps the envelope in the event metadata, with the EventStoreDB correlation names', async () => {
    const store = open({ clock: () => new Date('2026-01-02T03:04:05.000Z') });
    const stream = uniqueStream();
    const root = newEvent({ data: { b: [1, 'two'], a: null } });
    const caused = newEvent({
      eventId: randomUUID().toUpperCase(),
      metadata: { agency: 'LA-CUS', country: 'LA', correlationId: 'corr-9', causationId: root.eventId },
    });
    const result = await store.append(stream, [root, caused], 'no-stream');
    const [first, second] = await store.readStream(stream);
    const stored = recordsOf(stream);
    expect(stored.map((record) => [record.type, record.contentType, record.eventId])).toEqual([
      [root.type, 'application/json', root.eventId],
      [caused.type, 'application/json', caused.eventId.toLowerCase()],
    ]);
    expect(json(stored[0].data)).toEqual(root.data);
    expect(json(stored[0].metadata)).not.toHaveProperty('$causationId');
    expect(json(stored[1].metadata)).toEqual({
      agency: 'LA-CUS',
      country: 'LA',
      correlationId: 'corr-9',
      causationId: root.eventId,
      $correlationId: 'corr-9',
      $causationId: root.eventId,
      schemaVersion: 1,
      occurredAt: caused.occurredAt,
      recordedAt: '2026-01-02T03:04:05.000Z',
      position: result.position,
      previousHash: first.hash,
      hash: second.hash,
    });
    expect(second).toEqual({
      ...caused,
      eventId: caused.eventId.toLowerCase(),
      streamId: stream,
      revision: 1,
      position: result.position,
      recordedAt: '2026-01-02T03:04:05.000Z',
      previousHash: first.hash,
      hash: hashEvent(second),
    });
  });

  it('maps expected revisions both ways and reports the current revision of a conflict', async () => {
    const store = open();
    const stream = uniqueStream();
    const missing = await store.append(stream, [newEvent()], 0).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(WrongExpectedRevisionError);
    expect(missing).toMatchObject({ streamId: stream, expectedRevision: 0, currentRevision: null });
    await store.append(stream, newEvents(2), 'no-stream');
    await expect(store.append(stream, [newEvent()], 'no-stream')).rejects.toMatchObject({
      expectedRevision: 'no-stream',
      currentRevision: 1,
    });
    await expect(store.append(stream, [newEvent()], 5)).rejects.toMatchObject({ expectedRevision: 5, currentRevision: 1 });
    expect(await store.append(stream, [newEvent()], 'any')).toMatchObject({ nextExpectedRevision: 2 });
    expect(await store.append(stream, [newEvent()], 2)).toMatchObject({ nextExpectedRevision: 3 });
    expect(recordsOf(stream).map((record) => record.revision)).toEqual([0n, 1n, 2n, 3n]);
  });

  it('answers a retry beyond its own memory through the server, storing nothing', async () => {
    const store = open({ idempotencyWindow: 0 });
    const stream = uniqueStream();
    const batch = newEvents(2);
    const original = await store.append(stream, batch, 'no-stream');
    await store.append(stream, [newEvent()], 'any');
    const count = stores.emulator.records().length;
    expect(await store.append(stream, batch, 'no-stream')).toEqual(original);
    expect(stores.emulator.records()).toHaveLength(count);
    expect(await store.verify()).toMatchObject({ ok: true, checked: 3 });
  });

  it('refuses a batch larger than a position can number, or than the server accepts', async () => {
    const store = open();
    const count = stores.emulator.records().length;
    await expect(store.append(uniqueStream(), newEvents(1025), 'any')).rejects.toBeInstanceOf(InvalidAppendError);
    const huge = newEvent({ data: { blob: 'x'.repeat(1_100_000) } });
    await expect(store.append(uniqueStream(), [huge], 'any')).rejects.toBeInstanceOf(InvalidAppendError);
    expect(stores.emulator.records()).toHaveLength(count);
  });
});

describe('eventstoredb adapter: the node log', () => {
  it('keeps system events out of reads, the head, subscriptions and verification', async () => {
    const store = open();
    stores.emulator.writeSystemEvent();
    await store.append(uniqueStream(), newEvents(2), 'no-stream');
    stores.emulator.writeSystemEvent('$scavenges', '$scavengeStarted');
    const last = await store.append(uniqueStream(), [newEvent()], 'no-stream');
    stores.emulator.writeSystemEvent();
    const log = await store.readAll({ after: 0, limit: 100 });
    expect(log).toHaveLength(3);
    expect(await store.headPosition()).toBe(last.position);
    const seen: EventEnvelope[] = [];
    const subscription = store.subscribeToAll({ after: 0, onBatch: async (events) => void seen.push(...events) });
    await waitFor(() => seen.length >= 3);
    await subscription.stop();
    expect(seen).toEqual(log);
    expect(await store.verify()).toMatchObject({ ok: true, checked: 3 });
  });

  it('reads and subscribes from a position in the middle of a batch', async () => {
    const store = open();
    await store.append(uniqueStream(), newEvents(6), 'no-stream');
    await store.append(uniqueStream(), newEvents(3), 'no-stream');
    const all = await store.readAll({ after: 0, limit: 100 });
    const checkpoint = all[2].position;
    expect(await store.readAll({ after: checkpoint, limit: 100 })).toEqual(all.slice(3));
    expect(await store.readAll({ after: checkpoint, limit: 2 })).toEqual(all.slice(3, 5));
    const seen: EventEnvelope[] = [];
    const subscription = store.subscribeToAll({ after: checkpoint, onBatch: async (events) => void seen.push(...events) });
    await waitFor(() => seen.length >= 6);
    await subscription.stop();
    expect(seen).toEqual(all.slice(3));
  });

  it('reports a second writer on the node as a break in the chain', async () => {
    const first = open();
    const second = open();
    await first.append(uniqueStream(), [newEvent()], 'no-stream');
    await second.append(uniqueStream(), [newEvent()], 'no-stream');
    const forked = await first.append(uniqueStream(), [newEvent()], 'no-stream');
    expect(await first.verify()).toEqual({
      ok: false,
      checked: 2,
      position: forked.position,
      reason: expect.stringContaining('second writer'),
    });
  });

  it('stops at an event that is not an envelope, reporting it after the last good one', async () => {
    const store = open();
    const first = await store.append(uniqueStream(), [newEvent()], 'no-stream');
    await store.append(uniqueStream(), [newEvent()], 'no-stream');
    const [, victim] = await store.readAll({ after: 0, limit: 2 });
    stores.emulator.tamper(victim.eventId, (record) => ({ ...record, metadata: Buffer.from('not json') }));
    const reason = expect.stringContaining('is not a Border Ledger envelope');
    expect(await store.verify()).toEqual({ ok: false, checked: 1, position: first.position, reason });
    await expect(store.readAll({ after: 0, limit: 10 })).rejects.toThrow('is not a Border Ledger envelope');
  });

  const withMetadata = (change: Record<string, unknown>) => (record: LogRecord): LogRecord => ({
    ...record,
    metadata: Buffer.from(JSON.stringify({ ...json(record.metadata), ...change })),
  });

  it.each([
    ['the payload', (record: LogRecord) => ({ ...record, data: Buffer.from('{"seq":-1}') }), 'hash does not match'],
    ['an envelope field', withMetadata({ agency: 'XX-IMM' }), 'hash does not match'],
    ['the previous hash', withMetadata({ previousHash: '1'.repeat(64) }), 'previous hash'],
  ])('finds %s edited in the database files, at its position', async (_what, change, reason) => {
    const store = open();
    for (let i = 0; i < 3; i += 1) await store.append(uniqueStream(), [newEvent()], 'no-stream');
    const [, victim] = await store.readAll({ after: 0, limit: 3 });
    stores.emulator.tamper(victim.eventId, change);
    const broken = { ok: false, checked: 1, position: victim.position, reason: expect.stringContaining(reason) };
    expect(await store.verify()).toEqual(broken);
  });
});
