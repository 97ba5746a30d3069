import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, type SqliteDatabase } from '@border-ledger/event-store';
import { ProjectionRegistry } from '@border-ledger/event-store/nest';
import { startTestApp, type TestApp } from '@border-ledger/testing';
import { pointsOfEntryTestModule, TEST_FILES } from '../crossing/crossing.test-module';
import { registerReferencePointsOfEntry } from '../point-of-entry/point-of-entry.seed';

/** Personal data posted with a crossing; none of it may be stored in clear. */
const CANARIES = ['ZQ7731904', 'ZQ 773-1904', 'Canary', 'Thearith', 'Sokhom', '1987-03-14', '2031-12-24'];
const crossing = {
  pointOfEntry: 'TH-ARANYAPRATHET',
  direction: 'entry',
  channel: 'passport-visa',
  visaType: 'family',
  purpose: 'family',
  nationality: 'KH',
  sex: 'male',
  dateOfBirth: '1987-03-14',
  occurredAt: '2026-11-23T08:00:00.000+07:00',
  traveller: { documentType: 'passport', documentNumber: 'ZQ 773-1904', name: 'Canary Thearith Sokhom', documentExpiresOn: '2031-12-24' },
};

/** Every cell of every table, as text. */
function everyCell(db: SqliteDatabase): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
  return tables.flatMap(({ name }) =>
    (db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>).flatMap((row) =>
      Object.values(row).map((value) => (Buffer.isBuffer(value) ? value.toString('latin1') : String(value))),
    ),
  );
}

describe('canary: a document number and a name never stored in clear', () => {
  let dir: string;
  let api: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-canary-'));
    api = await startTestApp(pointsOfEntryTestModule({ dir }));
    await registerReferencePointsOfEntry(api.app);
    const posted = await api.request('POST', '/crossings', crossing);
    expect(posted.status).toBe(201);
    // The node could read it back: the data was kept, only not in clear.
    const read = await api.request('GET', `/crossings/${(posted.body as { crossingId: string }).crossingId}`);
    expect(read.body).toMatchObject({ identityStatus: 'readable', identity: { documentNumber: 'ZQ 773-1904' } });
    await api.app.get(ProjectionRegistry).catchUp();
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is absent from the rows of the event store', () => {
    const db = openSqlite(join(dir, TEST_FILES.events), { readonly: true });
    try {
      const rows = db.prepare('SELECT * FROM events').all() as Array<Record<string, unknown>>;
      expect(rows.some((row) => row['type'] === 'points-of-entry.crossing-recorded.v1')).toBe(true);
      const text = JSON.stringify(rows);
      for (const canary of CANARIES) expect(text).not.toContain(canary);
    } finally {
      db.close();
    }
  });

  it('is absent from every table of the read models', () => {
    const db = openSqlite(join(dir, TEST_FILES.readModels), { readonly: true });
    try {
      const cells = everyCell(db);
      expect(cells.length).toBeGreaterThan(0);
      for (const canary of CANARIES) expect(cells.filter((cell) => cell.includes(canary))).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('is absent from the bytes of every SQLite file of the node, write-ahead logs included', () => {
    const files = readdirSync(dir).filter((f) => /\.sqlite(-wal|-shm|-journal)?$/.test(f));
    expect(files).toEqual(expect.arrayContaining([TEST_FILES.events, TEST_FILES.readModels, TEST_FILES.vault]));
    for (const file of files.map((f) => join(dir, f)).filter(existsSync)) {
      const bytes = readFileSync(file);
      for (const canary of CANARIES) {
        expect({ file, canary, found: bytes.includes(Buffer.from(canary, 'utf8')) }).toEqual({ file, canary, found: false });
      }
    }
  });
});
