import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { WrongExpectedRevisionError } from '../port/errors';
import { deterministicEventId } from './deterministic-id';
import { executeCommand, type CommandExecution } from './execute-command';

type Counted = { type: 'test.counted.v1'; data: { by: number } };
const metadata = { agency: 'TH-IMM', country: 'TH', correlationId: 'c', causationId: null };

function increment(by: number, commandId: string, expectedRevision?: number): CommandExecution<number, Counted> {
  return {
    streamId: 'counter-1',
    initialState: 0,
    evolve: (total, event) => total + event.data.by,
    decide: (total) => (total + by > 10 ? [] : [{ type: 'test.counted.v1', data: { by } }]),
    commandId,
    occurredAt: '2026-11-23T00:00:00Z',
    metadata,
    expectedRevision,
  };
}

describe('executeCommand', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('loads, decides, appends with the revision it read', async () => {
    await executeCommand(store, increment(2, 'cmd-1'));
    const outcome = await executeCommand(store, increment(3, 'cmd-2'));
    expect(outcome).toMatchObject({ state: 5, replayed: false, result: { nextExpectedRevision: 1 } });
    expect((await store.readStream('counter-1')).map((e) => e.eventId)).toEqual([
      deterministicEventId('cmd-1', 0),
      deterministicEventId('cmd-2', 0),
    ]);
  });

  it('answers a repeated command from the store without deciding again', async () => {
    const first = await executeCommand(store, increment(2, 'cmd-1'));
    await executeCommand(store, increment(3, 'cmd-2'));
    const again = await executeCommand(store, increment(2, 'cmd-1'));
    expect(again.replayed).toBe(true);
    expect(again.result).toEqual(first.result);
    expect(await store.readStream('counter-1')).toHaveLength(2);
  });

  it('refuses a stated revision that is not the current one', async () => {
    await executeCommand(store, increment(2, 'cmd-1'));
    await expect(executeCommand(store, increment(1, 'cmd-2', 5))).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(executeCommand(store, increment(1, 'cmd-3', 0))).resolves.toMatchObject({ state: 3 });
  });

  it('appends nothing when the decision has no events', async () => {
    const outcome = await executeCommand(store, increment(11, 'cmd-1'));
    expect(outcome).toMatchObject({ events: [], result: null });
    expect(await store.headPosition()).toBe(0);
  });
});
