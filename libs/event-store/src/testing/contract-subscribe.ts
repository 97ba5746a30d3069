import type { EventEnvelope } from '../port/envelope';
import type { EventStore } from '../port/event-store.port';
import { newEvents, uniqueStream, type ContractSubject } from './fixtures';

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function subscribeContract(subject: ContractSubject): void {
  let store: EventStore;

  /** What a subscription handed over is exactly the log after `after`: no gap, no repeat, in order. */
  async function expectExactlyTheLog(positions: number[], after: number): Promise<void> {
    const log = await store.readAll({ after, limit: positions.length + 10 });
    expect(positions).toEqual(log.map((e) => e.position));
    if ((subject.positions ?? 'gap-free') === 'gap-free') expect(positions).toEqual(positions.map((_, i) => after + 1 + i));
  }

  beforeEach(async () => {
    store = await subject.open();
  });
  afterEach(async () => store.close());

  it('catches up from a checkpoint and turns live with no gap and no repeat', async () => {
    const stream = uniqueStream();
    await store.append(stream, newEvents(30), 'no-stream');
    const checkpoint = (await store.readStream(stream, { fromRevision: 9, limit: 1 }))[0].position;
    const seen: EventEnvelope[] = [];
    let batches = 0;
    const subscription = store.subscribeToAll({
      after: checkpoint,
      batchSize: 7,
      onBatch: async (events) => {
        batches += 1;
        seen.push(...events);
        // Appends that land while the subscription is still catching up must be delivered once.
        if (batches === 1) await store.append(stream, newEvents(5), 'any');
      },
    });
    await waitFor(() => seen.length === 25);
    for (let i = 0; i < 10; i += 1) await store.append(uniqueStream(), newEvents(1), 'no-stream');
    await waitFor(() => seen.length === 35);
    await subscription.stop();
    const positions = seen.map((e) => e.position);
    await expectExactlyTheLog(positions, checkpoint);
    expect(subscription.position()).toBe(positions[positions.length - 1]);
    expect(batches).toBeGreaterThan(3);
  });

  it('resumes after a stop from the position it reached', async () => {
    const start = await store.headPosition();
    await store.append(uniqueStream(), newEvents(10), 'no-stream');
    const first: number[] = [];
    const sub = store.subscribeToAll({ after: start, onBatch: async (events) => void first.push(...events.map((e) => e.position)) });
    await waitFor(() => first.length >= 10);
    await sub.stop();
    await store.append(uniqueStream(), newEvents(4), 'no-stream');
    const second: number[] = [];
    const resumed = store.subscribeToAll({
      after: sub.position(),
      onBatch: async (events) => void second.push(...events.map((e) => e.position)),
    });
    await waitFor(() => second.length >= 4);
    await resumed.stop();
    expect(first).toHaveLength(10);
    await expectExactlyTheLog([...first, ...second], start);
  });

  it('stops and reports when the handler fails, without skipping the failed batch', async () => {
    await store.append(uniqueStream(), newEvents(3), 'no-stream');
    const errors: unknown[] = [];
    const sub = store.subscribeToAll({
      after: 0,
      onBatch: async () => {
        throw new Error('handler down');
      },
      onError: (error) => errors.push(error),
    });
    await sub.done;
    expect(errors).toHaveLength(1);
    expect(sub.position()).toBe(0);
  });
}
