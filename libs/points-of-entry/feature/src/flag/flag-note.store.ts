import type { SqliteDatabase } from '@border-ledger/event-store';

/** Injection token of the {@link FlagNoteStore}. */
export const FLAG_NOTE_STORE = Symbol('FLAG_NOTE_STORE');

/** An officer's free-text note on a flag. It never enters an event: it stays on this node. */
export interface FlagNote {
  readonly noteId: string;
  readonly flagId: string;
  readonly text: string;
  readonly writtenAt: string;
}

/** Node-local store of flag notes, referenced from events by `noteId` only. */
export interface FlagNoteStore {
  /** Stores a note once: saving the same `noteId` again keeps the first text (safe retries). */
  save(note: FlagNote): Promise<void>;
  find(noteId: string): Promise<FlagNote | undefined>;
}

/**
 * Notes in a SQLite table of their own. It lives beside the read models but is not one: no
 * projection resets it, and it cannot be rebuilt from the log.
 */
export class SqliteFlagNoteStore implements FlagNoteStore {
  private readonly insert;
  private readonly select;

  constructor(db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS poe_flag_notes (
      note_id TEXT PRIMARY KEY, flag_id TEXT NOT NULL, text TEXT NOT NULL, written_at TEXT NOT NULL)`);
    this.insert = db.prepare<[string, string, string, string]>(
      'INSERT INTO poe_flag_notes (note_id, flag_id, text, written_at) VALUES (?, ?, ?, ?) ON CONFLICT (note_id) DO NOTHING',
    );
    this.select = db.prepare<[string], { note_id: string; flag_id: string; text: string; written_at: string }>(
      'SELECT note_id, flag_id, text, written_at FROM poe_flag_notes WHERE note_id = ?',
    );
  }

  async save(note: FlagNote): Promise<void> {
    this.insert.run(note.noteId, note.flagId, note.text, note.writtenAt);
  }

  async find(noteId: string): Promise<FlagNote | undefined> {
    const row = this.select.get(noteId);
    return row && { noteId: row.note_id, flagId: row.flag_id, text: row.text, writtenAt: row.written_at };
  }
}
