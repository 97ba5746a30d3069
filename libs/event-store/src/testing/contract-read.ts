import type { EventEnvelope } from '../port/envelope';
import type { EventStore } from '../port/event-store.port';
import { newEvents, uniqueStream, type ContractSubject } from './fixtures';

const seqOf = (events: EventEnvelope[]): unknown[] => events.map((e) => (e.data as { seq: number }).seq);

export function readContract(subject: ContractSubject): void {
  let store: EventStore;
  beforeEach(async () => {
    store = await subject.open();
  });
  afterEach(async () => store.close());

  it('reads a stream forwards and backwards, from a revision, with a limit', async () => {
    const stream = uniqueStream();
    const input = newEvents(5);
    await store.append(stream, input, 'no-stream');
    const seqs = input.map((e) => (e.data as { seq: number }).seq);
    expect(seqOf(await store.readStream(stream))).toEqual(seqs);
    expect(seqOf(await store.readStream(stream, { direction: 'backwards' }))).toEqual([...seqs].reverse());
    expect(seqOf(await store.readStream(stream, { fromRevision: 2, limit: 2 }))).toEqual(seqs.slice(2, 4));
    expect(seqOf(await store.readStream(stream, { direction: 'backwards', fromRevision: 2, limit: 2 }))).toEqual([
      seqs[2],
      seqs[1],
    ]);
    expect(await store.readStream(uniqueStream())).toEqual([]);
  });

  it('reads the global log in order from a position', async () => {
    const start = await store.headPosition();
    const a = uniqueStream();
    const b = uniqueStream();
    await store.append(a, newEvents(2), 'no-stream');
    await store.append(b, newEvents(2), 'no-stream');
    await store.append(a, newEvents(1), 1);
    const all = await store.readAll({ after: start, limit: 100 });
    expect(all.map((e) => [e.streamId, e.revision])).toEqual([
      [a, 0],
      [a, 1],
      [b, 0],
      [b, 1],
      [a, 2],
    ]);
    const positions = all.map((e) => e.position);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(new Set(positions).size).toBe(5);
    const page = await store.readAll({ after: positions[1], limit: 2 });
    expect(page.map((e) => e.position)).toEqual(positions.slice(2, 4));
    expect(await store.readAll({ after: positions[4], limit: 10 })).toEqual([]);
  });
}
