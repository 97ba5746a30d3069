import type { EventEnvelope } from '../port/envelope';
import { openSqlite, type SqliteDatabase } from '../sqlite/sqlite-database';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { newEvent, uniqueStream } from '../testing/fixtures';
import { ProjectionRunner } from './projection-runner';
import type { SqliteProjection } from './sqlite-projection';

/** Counts events per type; `failOn` makes apply throw for one sequence number. */
function counter(name: string, version = 1, failOn?: number): SqliteProjection {
  return {
    name,
    version,
    migrate: (db) => db.exec(`CREATE TABLE IF NOT EXISTS ${name} (type TEXT PRIMARY KEY, n INTEGER NOT NULL)`),
    reset: (db) => db.exec(`DROP TABLE IF EXISTS ${name}`),
    apply: (event: EventEnvelope, db: SqliteDatabase) => {
      if ((event.data as { seq: number }).seq === failOn) throw new Error('projection bug');
      db.prepare(`INSERT INTO ${name} (type, n) VALUES (?, 1) ON CONFLICT DO UPDATE SET n = n + 1`).run(event.type);
    },
  };
}
const total = (db: SqliteDatabase, name: string): number =>
  (db.prepare(`SELECT COALESCE(SUM(n), 0) AS t FROM ${name}`).get() as { t: number }).t;

describe('ProjectionRunner', () => {
  let store: SqliteEventStore;
  let db: SqliteDatabase;
  beforeEach(() => {
    store = new SqliteEventStore({ path: ':memory:', pollIntervalMs: 10 });
    db = openSqlite(':memory:');
  });
  afterEach(async () => {
    await store.close();
    db.close();
  });

  it('applies every event once, live and after a restart from its checkpoint', async () => {
    for (let i = 0; i < 5; i += 1) await store.append(uniqueStream(), [newEvent()], 'no-stream');
    let runner = new ProjectionRunner(store, db, [counter('a'), counter('b')]);
    await runner.start();
    await runner.catchUp();
    await store.append(uniqueStream(), [newEvent(), newEvent()], 'no-stream');
    await runner.catchUp();
    await runner.stop();
    expect([total(db, 'a'), total(db, 'b')]).toEqual([7, 7]);
    await store.append(uniqueStream(), [newEvent()], 'no-stream');
    runner = new ProjectionRunner(store, db, [counter('a'), counter('b')]);
    await runner.start();
    await runner.catchUp();
    await runner.stop();
    expect([total(db, 'a'), total(db, 'b')]).toEqual([8, 8]);
    expect(runner.checkpoints()).toEqual({ a: 8, b: 8 });
  });

  it('rebuilds from an empty read model to the same state', async () => {
    for (let i = 0; i < 4; i += 1) await store.append(uniqueStream(), [newEvent()], 'no-stream');
    const runner = new ProjectionRunner(store, db, [counter('a')]);
    await runner.start();
    await runner.catchUp();
    const live = db.prepare('SELECT * FROM a ORDER BY type').all();
    await runner.rebuild('a');
    await runner.catchUp();
    await runner.stop();
    expect(db.prepare('SELECT * FROM a ORDER BY type').all()).toEqual(live);
  });

  it('rebuilds a projection whose version changed', async () => {
    await store.append(uniqueStream(), [newEvent(), newEvent()], 'no-stream');
    const first = new ProjectionRunner(store, db, [counter('a', 1)]);
    await first.start();
    await first.catchUp();
    await first.stop();
    db.prepare('UPDATE a SET n = 99').run();
    const second = new ProjectionRunner(store, db, [counter('a', 2)]);
    await second.start();
    await second.catchUp();
    await second.stop();
    expect(total(db, 'a')).toBe(2);
  });

  it('applies nothing of a batch that fails, and reports the error', async () => {
    const bad = newEvent();
    await store.append(uniqueStream(), [newEvent(), bad], 'no-stream');
    const errors: unknown[] = [];
    const runner = new ProjectionRunner(store, db, [counter('a', 1, (bad.data as { seq: number }).seq)], (e) => errors.push(e));
    await runner.start();
    await expect(runner.catchUp(300)).rejects.toThrow(/did not reach/);
    await runner.stop();
    expect(errors).toHaveLength(1);
    expect(total(db, 'a')).toBe(0);
    expect(runner.checkpoints()).toEqual({ a: 0 });
  });
});
