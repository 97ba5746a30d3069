import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, type SqliteDatabase } from '@border-ledger/event-store';
import type { SharedRecord } from '@border-ledger/exchange-domain';
import { SharedRecordsStore } from './shared-records.store';

const record = (agreementId: string, leafIndex: number, occurredAt: string): SharedRecord => ({
  recordId: `r-${agreementId}-${leafIndex}`, agreementId, agreementVersion: 1, senderAgency: 'TH-IMM', senderCountry: 'TH', schemaVersion: 1,
  correlationId: 'c', causationId: 'e', occurredAt, recordedAt: occurredAt, leafIndex, recordType: 'exchange.crossing.v1',
  payload: { crossingRef: `x${leafIndex}`, travellerRef: `t${leafIndex}`, direction: 'exit', pointOfEntry: 'TH-ARANYAPRATHET', pairedPointOfEntry: 'KH-POIPET', crossedAt: occurredAt, voided: false },
});

describe('shared records read model (real SQLite)', () => {
  let dir: string;
  let db: SqliteDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-shared-records-'));
    db = openSqlite(join(dir, 'x.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a redelivered leaf once and files it under the corridor of sender and receiver', () => {
    const store = new SharedRecordsStore(db);
    store.put('incoming', 'a/TH-IMM', record('a', 0, '2026-03-01T08:00:00.000Z'), 'KH');
    store.put('incoming', 'a/TH-IMM', record('a', 0, '2026-03-01T08:00:00.000Z'), 'KH');
    expect(store.list({ corridor: 'KH-TH' })).toEqual([expect.objectContaining({ side: 'incoming', corridor: 'KH-TH', pointOfEntryPair: 'KH-POIPET~TH-ARANYAPRATHET' })]);
  });

  it('purges what partners sent once the agreement no longer allows keeping it, and only that', () => {
    const store = new SharedRecordsStore(db);
    store.put('incoming', 'a/TH-IMM', record('a', 0, '2026-01-01T08:00:00.000Z'), 'KH');
    store.put('incoming', 'a/TH-IMM', record('a', 1, '2026-03-01T08:00:00.000Z'), 'KH');
    store.put('incoming', 'b/TH-IMM', record('b', 0, '2026-01-01T08:00:00.000Z'), 'KH');
    store.put('outgoing', 'a/KH-GDI', { ...record('a', 0, '2026-01-01T08:00:00.000Z'), senderAgency: 'KH-GDI', senderCountry: 'KH' }, 'TH');
    expect(store.purgeIncoming('a', '2026-02-01T00:00:00.000Z')).toBe(1);
    expect(store.all().map((v) => `${v.side}:${v.logId}:${v.leafIndex}`).sort()).toEqual(['incoming:a/TH-IMM:1', 'incoming:b/TH-IMM:0', 'outgoing:a/KH-GDI:0']);
  });
});
