import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describeEventStoreContract, newEvent, newEvents, uniqueStream } from '../testing';
import { openSqlite } from './sqlite-database';
import { SqliteEventStore } from './sqlite-event-store';

const repoRoot = resolve(__dirname, '../../../..');
let dir: string;
let file = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bl-sqlite-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const nextPath = (): string => join(dir, `store-${++file}.sqlite`);

let crashPath = '';
describeEventStoreContract('sqlite', {
  open: async () => new SqliteEventStore({ path: nextPath(), pollIntervalMs: 20 }),
  crash: {
    spawnWriter: () => {
      crashPath = nextPath();
      return spawn(
        process.execPath,
        ['-r', join(repoRoot, 'infra/scripts/register.js'), join(__dirname, '../testing/crash-writer.ts')],
        { env: { ...process.env, CRASH_STORE: `sqlite:${crashPath}` }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
    },
    reopen: async () => new SqliteEventStore({ path: crashPath }),
  },
});

describe('sqlite event store', () => {
  it('stamps recordedAt from the injected clock', async () => {
    const store = new SqliteEventStore({ path: nextPath(), clock: () => new Date('2026-01-02T03:04:05.000Z') });
    const stream = uniqueStream();
    await store.append(stream, [newEvent()], 'no-stream');
    expect((await store.readStream(stream))[0].recordedAt).toBe('2026-01-02T03:04:05.000Z');
    await store.close();
  });

  it('commits concurrent appends together under one transaction (group commit)', async () => {
    const store = new SqliteEventStore({ path: nextPath() });
    await Promise.all(Array.from({ length: 50 }, () => store.append(uniqueStream(), [newEvent()], 'no-stream')));
    expect(store.stats()).toEqual({ commits: 1, appends: 50 });
    await store.close();
  });

  it('keeps its data when closed and reopened', async () => {
    const path = nextPath();
    const store = new SqliteEventStore({ path });
    const stream = uniqueStream();
    await store.append(stream, newEvents(3), 'no-stream');
    await store.close();
    const reopened = new SqliteEventStore({ path });
    expect(await reopened.streamRevision(stream)).toBe(2);
    expect(await reopened.verify()).toMatchObject({ ok: true, checked: 3 });
    await reopened.close();
  });

  it('refuses use after close', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await store.close();
    await expect(store.append(uniqueStream(), [newEvent()], 'any')).rejects.toMatchObject({ code: 'EVENT_STORE_CLOSED' });
  });
});

describe('verify finds a single flipped byte anywhere in stored history', () => {
  const columns = [
    'event_id', 'stream_id', 'type', 'data', 'occurred_at', 'recorded_at', 'agency',
    'country', 'correlation_id', 'causation_id', 'previous_hash', 'hash', 'revision', 'schema_version',
  ] as const;
  const path = (): string => join(dir, 'tamper.sqlite');

  beforeAll(async () => {
    const store = new SqliteEventStore({ path: path() });
    for (let i = 0; i < 20; i += 1) {
      const causationId = i % 2 === 0 ? null : `cause-${i}`;
      await store.append(uniqueStream(), [newEvent({ metadata: { agency: 'TH-IMM', country: 'TH', correlationId: `corr-${i}`, causationId } })], 'any');
    }
    await store.close();
  });

  it('reports the exact position for a flip in any column of any row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom(...columns),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        async (position, column, offset, bit) => {
          const db = openSqlite(path());
          const read = db.prepare(`SELECT ${column} AS v FROM events WHERE position = ?`);
          const original = (read.get(position) as { v: string | number | null }).v;
          if (typeof original === 'number') {
            db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(original ^ (1 << bit), position);
          } else {
            // Flip one bit of one stored byte: write the raw UTF-8 back as TEXT, even if now invalid.
            const bytes = Buffer.from(original ?? 'x', 'utf8');
            bytes[offset % bytes.length] ^= 1 << bit;
            db.prepare(`UPDATE events SET ${column} = CAST(? AS TEXT) WHERE position = ?`).run(bytes, position);
          }
          db.close();
          const store = new SqliteEventStore({ path: path() });
          const result = await store.verify();
          await store.close();
          const restore = openSqlite(path());
          restore.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(original, position);
          restore.close();
          expect(result).toMatchObject({ ok: false, position });
        },
      ),
      { numRuns: 150 },
    );
  });
});
