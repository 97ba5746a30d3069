import { EventStoreClosedError, WrongExpectedRevisionError } from '@border-ledger/event-store';
import { newEvent, newEvents, uniqueStream } from '@border-ledger/event-store/testing';
import { useEmulatedStores, waitFor } from './adapter-harness';

const stores = useEmulatedStores();
const { open } = stores;

describe('eventstoredb adapter: connection loss', () => {
  it('resubscribes after dropped subscriptions and a server restart, without gap or repeat', async () => {
    const store = open();
    await store.append(uniqueStream(), newEvents(20), 'no-stream');
    const seen: number[] = [];
    let batches = 0;
    let droppedInHandler = 0;
    const subscription = store.subscribeToAll({
      after: 0,
      batchSize: 5,
      onBatch: async (events) => {
        seen.push(...events.map((e) => e.position));
        // Dropped while a batch is in hand: the next subscription starts after this batch.
        if (++batches === 2) droppedInHandler = stores.emulator.dropSubscriptions();
      },
    });
    await waitFor(() => seen.length >= 20);
    expect(droppedInHandler).toBe(1);
    // Drop the next subscription as soon as it is live.
    await waitFor(() => stores.emulator.dropSubscriptions() === 1);
    await store.append(uniqueStream(), newEvents(5), 'no-stream');
    await waitFor(() => seen.length >= 25);
    await stores.emulator.stop();
    await expect(store.append(uniqueStream(), newEvents(2), 'no-stream')).rejects.not.toBeInstanceOf(WrongExpectedRevisionError);
    await stores.emulator.start();
    await store.append(uniqueStream(), newEvents(5), 'no-stream');
    await waitFor(() => seen.length >= 30);
    await subscription.stop();
    const log = await store.readAll({ after: 0, limit: 100 });
    expect(seen).toEqual(log.map((e) => e.position));
    expect(await store.verify()).toMatchObject({ ok: true, checked: 30 });
  });

  it('retries an append whose acknowledgement was lost, storing it once and keeping the chain', async () => {
    const store = open();
    await store.append(uniqueStream(), [newEvent()], 'no-stream');
    const stream = uniqueStream();
    stores.emulator.loseNextAcknowledgement();
    const result = await store.append(stream, newEvents(3), 'any');
    const stored = await store.readStream(stream);
    expect(stored).toHaveLength(3);
    expect(result).toEqual({ nextExpectedRevision: 2, position: stored[2].position });
    await store.append(uniqueStream(), [newEvent()], 'no-stream');
    expect(await store.verify()).toMatchObject({ ok: true, checked: 5 });
  });

  it('fails its readiness probe while the server is down', async () => {
    const store = open();
    await store.ping();
    await stores.emulator.stop();
    await expect(store.ping()).rejects.toThrow();
    await stores.emulator.start();
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('stops its subscriptions when closed and refuses further use', async () => {
    const store = open();
    const subscription = store.subscribeToAll({ after: 0, onBatch: async () => undefined });
    await store.close();
    await expect(subscription.done).resolves.toBeUndefined();
    await expect(store.append(uniqueStream(), [newEvent()], 'any')).rejects.toBeInstanceOf(EventStoreClosedError);
    expect(() => store.subscribeToAll({ after: 0, onBatch: async () => undefined })).toThrow(EventStoreClosedError);
  });
});
