import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, type SqliteDatabase } from '../sqlite/sqlite-database';
import { SqliteWorkQueue, type WorkItem } from './sqlite-work-queue';
import { PermanentWorkError, WorkRunner } from './work-runner';
import { WorkQueues } from './work-queues';

describe('durable work queue and runner (real SQLite)', () => {
  let dir: string;
  let db: SqliteDatabase;
  let now: Date;
  const clock = () => now;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-work-'));
    db = openSqlite(join(dir, 'work.sqlite'));
    now = new Date('2026-03-01T08:00:00.000Z');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('schedules an id once, even after it ran', async () => {
    const queue = new SqliteWorkQueue(db, 'test');
    const ran: string[] = [];
    const runner = new WorkRunner(queue, async (item) => void ran.push(item.id), clock);
    expect(queue.schedule({ id: 'a', kind: 'k', payload: { n: 1 }, dueAt: now.toISOString() })).toBe(true);
    expect(queue.schedule({ id: 'a', kind: 'k', payload: { n: 2 }, dueAt: now.toISOString() })).toBe(false);
    expect(await runner.runDue()).toBe(1);
    expect(queue.schedule({ id: 'a', kind: 'k', payload: { n: 3 }, dueAt: now.toISOString() })).toBe(false);
    expect(await runner.runDue()).toBe(0);
    expect(ran).toEqual(['a']);
    expect(queue.counts()).toEqual({ pending: 0, done: 1, cancelled: 0, parked: 0 });
  });

  it('runs timers only when the injected clock reaches them, in due order, and survives a reopen', async () => {
    const queue = new SqliteWorkQueue(db, 'timers');
    queue.schedule({ id: 'late', kind: 'k', payload: null, dueAt: '2026-03-01T10:00:00.000Z' });
    queue.schedule({ id: 'early', kind: 'k', payload: null, dueAt: '2026-03-01T09:00:00.000Z' });
    queue.schedule({ id: 'gone', kind: 'k', payload: null, dueAt: '2026-03-01T09:30:00.000Z' });
    expect(queue.cancel('gone')).toBe(true);
    expect(queue.nextDueAt()).toBe('2026-03-01T09:00:00.000Z');
    db.close();
    db = openSqlite(join(dir, 'work.sqlite'));
    const reopened = new SqliteWorkQueue(db, 'timers');
    const ran: string[] = [];
    const runner = new WorkRunner(reopened, async (item: WorkItem) => void ran.push(item.id), clock);
    expect(await runner.runDue()).toBe(0);
    now = new Date('2026-03-01T11:00:00.000Z');
    expect(await runner.runDue()).toBe(2);
    expect(ran).toEqual(['early', 'late']);
  });

  it('retries a failure later with backoff and parks a permanent one with its reason', async () => {
    const queue = new SqliteWorkQueue(db, 'retry');
    queue.schedule({ id: 'flaky', kind: 'k', payload: null, dueAt: now.toISOString() });
    queue.schedule({ id: 'refused', kind: 'k', payload: null, dueAt: now.toISOString() });
    let failures = 1;
    const errors: string[] = [];
    const runner = new WorkRunner(
      queue,
      async (item) => {
        if (item.id === 'refused') throw new PermanentWorkError('rule refused it');
        if (failures-- > 0) throw new Error('store unavailable');
      },
      clock,
      { baseBackoffMs: 1000, onError: (item, error) => errors.push(`${item.id}: ${(error as Error).message}`) },
    );
    expect(await runner.runDue()).toBe(2);
    expect(queue.counts()).toEqual({ pending: 1, done: 0, cancelled: 0, parked: 1 });
    expect(queue.due(now)).toEqual([]);
    now = new Date(now.getTime() + 1000);
    expect(await runner.runDue()).toBe(1);
    expect(queue.counts()).toEqual({ pending: 0, done: 1, cancelled: 0, parked: 1 });
    expect(errors).toEqual(['flaky: store unavailable', 'refused: rule refused it']);
  });

  it('runs items due together in the order they were scheduled, whatever their ids (first come, first served)', async () => {
    const queue = new SqliteWorkQueue(db, 'order');
    for (const id of ['zulu', 'alpha', 'mike']) queue.schedule({ id, kind: 'k', payload: null, dueAt: now.toISOString() });
    const ran: string[] = [];
    await new WorkRunner(queue, async (item) => void ran.push(item.id), clock).runDue();
    expect(ran).toEqual(['zulu', 'alpha', 'mike']);
  });

  it('lists items by state without their payload, and puts a parked item back to run once retried', async () => {
    const queue = new SqliteWorkQueue(db, 'ops');
    queue.schedule({ id: 'admit:1', kind: 'admit', payload: { crossingId: 'secret-ref' }, dueAt: now.toISOString() });
    queue.schedule({ id: 'admit:2', kind: 'admit', payload: null, dueAt: now.toISOString() });
    let fixed = false;
    const runner = new WorkRunner(queue, async (item) => {
      if (item.id === 'admit:1' && !fixed) throw new PermanentWorkError('centre-not-found: No centre TH-X');
    }, clock);
    await runner.runDue();
    expect(queue.list('parked')).toEqual([{ id: 'admit:1', kind: 'admit', state: 'parked', dueAt: now.toISOString(), attempts: 0, lastError: 'centre-not-found: No centre TH-X' }]);
    expect(queue.list('done').map((item) => item.id)).toEqual(['admit:2']);
    expect(JSON.stringify(queue.list('parked'))).not.toContain('secret-ref');
    expect(queue.get('admit:2')).toMatchObject({ state: 'done' });
    expect(queue.get('nope')).toBeUndefined();

    expect(queue.retry('admit:2', now)).toBe(false); // not parked
    now = new Date(now.getTime() + 60_000);
    fixed = true;
    expect(queue.retry('admit:1', now)).toBe(true);
    expect(queue.get('admit:1')).toMatchObject({ state: 'pending', dueAt: now.toISOString(), lastError: 'centre-not-found: No centre TH-X' });
    expect(await runner.runDue()).toBe(1);
    expect(queue.get('admit:1')).toMatchObject({ state: 'done', lastError: null });
    expect(queue.counts()).toEqual({ pending: 0, done: 2, cancelled: 0, parked: 0 });
  });

  it('registers each queue of the process once, under a kebab-case name', () => {
    const queues = new WorkQueues();
    const queue = new SqliteWorkQueue(db, 'reg');
    queues.register({ name: 'quarantine-admissions', queue });
    expect(() => queues.register({ name: 'quarantine-admissions', queue })).toThrow('registered twice');
    expect(() => queues.register({ name: 'Bad Name', queue })).toThrow('kebab-case');
    expect(queues.all().map((q) => q.name)).toEqual(['quarantine-admissions']);
    expect(queues.get('quarantine-admissions')?.queue).toBe(queue);
  });

  it('refuses a table name that is not snake_case', () => {
    expect(() => new SqliteWorkQueue(db, 'bad name; DROP')).toThrow('snake_case');
  });
});
