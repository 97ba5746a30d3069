import { randomUUID } from 'node:crypto';
import { credentials } from '@grpc/grpc-js';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { ServerFeaturesClient } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { startEmulator, type EventStoreDbEmulator } from '.';

let emulator: EventStoreDbEmulator;
let client: EventStoreDBClient;
beforeEach(async () => {
  emulator = await startEmulator();
  client = EventStoreDBClient.connectionString(emulator.connectionString);
});
afterEach(async () => {
  await client.dispose();
  await emulator.stop();
});

const event = (data: Record<string, unknown> = {}) => jsonEvent({ id: randomUUID(), type: 'test.happened.v1', data });

async function collect<E extends ResolvedEvent | AllStreamResolvedEvent>(read: AsyncIterable<E>): Promise<E[]> {
  const events: E[] = [];
  for await (const resolved of read) events.push(resolved);
  return events;
}

describe('eventstoredb emulator: appends', () => {
  it('answers a wrong expected version with the status and details the client unpacks', async () => {
    await client.appendToStream('s', [event(), event()], { expectedRevision: NO_STREAM });
    await expect(client.appendToStream('s', [event()], { expectedRevision: NO_STREAM })).rejects.toMatchObject({
      type: 'wrong-expected-version',
      streamName: 's',
      expectedVersion: 'no_stream',
      actualVersion: 1n,
    });
    await expect(client.appendToStream('t', [event()], { expectedRevision: 3n })).rejects.toMatchObject({
      expectedVersion: 3n,
      actualVersion: 'no_stream',
    });
    await expect(client.appendToStream('t', [event()], { expectedRevision: STREAM_EXISTS })).rejects.toMatchObject({
      expectedVersion: 'stream_exists',
    });
  });

  it('answers a re-append of the same event ids with the original result and writes nothing', async () => {
    const batch = [event(), event()];
    const first = await client.appendToStream('s', batch, { expectedRevision: NO_STREAM });
    await client.appendToStream('s', [event()], { expectedRevision: ANY });
    const count = emulator.records().length;
    expect(await client.appendToStream('s', batch, { expectedRevision: NO_STREAM })).toEqual(first);
    expect(await client.appendToStream('s', batch, { expectedRevision: ANY })).toEqual(first);
    expect(emulator.records()).toHaveLength(count);
    // Only part of the batch matching is a conflict, whichever way it is expected.
    await expect(client.appendToStream('s', [batch[1], event()], { expectedRevision: 0n })).rejects.toMatchObject({ actualVersion: 2n });
    await expect(client.appendToStream('s', [batch[0], event()], { expectedRevision: ANY })).rejects.toMatchObject({ actualVersion: 2n });
    // Event ids are unique per stream only: the same id in another stream is a new event.
    await client.appendToStream('other', [batch[0]], { expectedRevision: ANY });
    expect(emulator.records()).toHaveLength(count + 1);
  });

  it('advertises its methods as a 23.10 node does', async () => {
    const address = emulator.connectionString.slice('esdb://'.length, -'?tls=false'.length);
    const features = new ServerFeaturesClient(address, credentials.createInsecure());
    const methods = await new Promise<SupportedMethods>((resolve, reject) =>
      features.getSupportedMethods(new Empty(), (error, response) => (error ? reject(error) : resolve(response))),
    );
    features.close();
    expect(methods.getEventStoreServerVersion()).toBe('23.10.0');
    const names = methods.getMethodsList().map((m) => `${m.getServiceName()}/${m.getMethodName()}`);
    expect(names).toContain('event_store.client.streams.streams/batchappend');
  });
});

describe('eventstoredb emulator: reads and subscriptions', () => {
  it('orders $all by increasing commit positions, reading forwards inclusively and backwards exclusively', async () => {
    await client.appendToStream('a', [event(), event()]);
    await client.appendToStream('b', [event()]);
    const all = (await collect(client.readAll())).map((e) => e.event!);
    expect(all.map((e) => e.streamId)).toEqual(['$settings', 'a', 'a', 'b']);
    const commits = all.map((e) => e.position.commit);
    expect([...commits].sort((x, y) => (x < y ? -1 : 1))).toEqual(commits);
    expect(all.every((e) => e.position.commit === e.position.prepare)).toBe(true);
    const from = all[2].position;
    expect((await collect(client.readAll({ fromPosition: from, maxCount: 2 }))).map((e) => e.event!.id)).toEqual([all[2].id, all[3].id]);
    const before = await collect(client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: 2 }));
    expect(before.map((e) => e.event!.id)).toEqual([all[1].id, all[0].id]);
    expect((await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })))[0].event!.id).toBe(all[3].id);
  });

  it('reads a stream from a revision in both directions with a count, and reports a missing stream', async () => {
    await client.appendToStream('s', [0, 1, 2, 3, 4].map((seq) => event({ seq })));
    const revisions = async (options: Parameters<EventStoreDBClient['readStream']>[1]): Promise<bigint[]> =>
      (await collect(client.readStream('s', options))).map((e) => e.event!.revision);
    expect(await revisions({ fromRevision: 1n, maxCount: 2 })).toEqual([1n, 2n]);
    expect(await revisions({ fromRevision: 3n, direction: BACKWARDS, maxCount: 2 })).toEqual([3n, 2n]);
    expect(await revisions({ fromRevision: END, direction: BACKWARDS, maxCount: 1 })).toEqual([4n]);
    expect(await revisions({ fromRevision: 7n })).toEqual([]);
    await expect(collect(client.readStream('missing'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('subscribes after the event at the start position, catches up, then delivers live events', async () => {
    await client.appendToStream('s', [event(), event(), event()]);
    const all = (await collect(client.readAll())).map((e) => e.event!);
    const subscription = client.subscribeToAll({ fromPosition: all[2].position });
    const received: string[] = [];
    let liveArrived: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (liveArrived = resolve));
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      received.push(resolved.event!.id);
      if (received.length === 2) liveArrived();
    });
    await new Promise((resolve) => subscription.once('caughtUp', resolve));
    const caughtUpWith = [...received];
    const live = event();
    await client.appendToStream('s', [live]);
    await arrived;
    await subscription.unsubscribe();
    expect(caughtUpWith).toEqual([all[3].id]);
    expect(received).toEqual([all[3].id, live.id]);
  });

  it('drops live subscriptions with an error status, and keeps its log across a restart', async () => {
    await client.appendToStream('s', [event()]);
    const subscription = client.subscribeToAll();
    subscription.on('data', () => undefined);
    const dropped = new Promise<Error>((resolve) => subscription.once('error', resolve));
    await new Promise((resolve) => subscription.once('caughtUp', resolve));
    expect(emulator.dropSubscriptions()).toBe(1);
    expect(await dropped).toMatchObject({ type: 'unknown' });
    await emulator.stop();
    await emulator.start();
    // A new client: the old one's first call after a restart may fail while it reconnects.
    const reconnected = EventStoreDBClient.connectionString(emulator.connectionString);
    expect((await collect(reconnected.readStream('s'))).map((e) => e.event!.revision)).toEqual([0n]);
    await reconnected.dispose();
  });
});
