import { openSqlite, SqliteInbox, type EventEnvelope, type SqliteDatabase } from '@border-ledger/event-store';
import { encodeEnvelope } from '../codec/encode-envelope';
import { sampleEnvelope } from '../testing';
import { DEAD_LETTER_HEADERS } from './dead-letter';
import { ApplyFailedError, PoisonTracker, processBatch } from './process-batch';
import type { SourceRecord } from './dead-letter';

const topic = 'th.points-of-entry.events.v1';
let db: SqliteDatabase;
let inbox: SqliteInbox;
let applied: EventEnvelope[];
const apply = (event: EventEnvelope): void => void applied.push(event);

beforeEach(() => {
  db = openSqlite(':memory:');
  inbox = new SqliteInbox(db, 'test');
  applied = [];
});
afterEach(() => db.close());

function record(event: EventEnvelope, offset: number): SourceRecord {
  return { ...encodeEnvelope(event), offset: String(offset) };
}

describe('processBatch', () => {
  it('applies each event once even when the batch and a later batch repeat it', () => {
    const [a, b] = [sampleEnvelope({ revision: 0 }), sampleEnvelope({ revision: 1 })];
    const first = processBatch({ topic, partition: 0, records: [record(a, 0), record(a, 1), record(b, 2)], inbox, apply });
    const again = processBatch({ topic, partition: 0, records: [record(b, 3)], inbox, apply });
    expect(applied.map((e) => e.eventId)).toEqual([a.eventId, b.eventId]);
    expect(first.counts).toEqual({ applied: 2, duplicates: 1, deadLettered: 0 });
    expect(again.counts).toEqual({ applied: 0, duplicates: 1, deadLettered: 0 });
  });

  it('parks undecodable records with reason and source, keeping their bytes and headers', () => {
    const good = sampleEnvelope();
    const garbage: SourceRecord = { key: 'k', value: Buffer.from('not json'), headers: { 'x-origin': 'fuzzer' }, offset: '8' };
    const outcome = processBatch({ topic, partition: 2, records: [garbage, record(good, 9)], inbox, apply });
    expect(applied.map((e) => e.eventId)).toEqual([good.eventId]);
    expect(outcome.counts).toEqual({ applied: 1, duplicates: 0, deadLettered: 1 });
    expect(outcome.deadLetters).toEqual([
      { topic, partition: 2, offset: '8', reason: 'missing header "event-type"', deadLetterTopic: `${topic}.dlq` },
    ]);
    expect(outcome.deadLetterRecords).toEqual([
      {
        topic: `${topic}.dlq`,
        key: 'k',
        value: Buffer.from('not json'),
        headers: {
          'x-origin': 'fuzzer',
          [DEAD_LETTER_HEADERS.reason]: 'missing header "event-type"',
          [DEAD_LETTER_HEADERS.sourceTopic]: topic,
          [DEAD_LETTER_HEADERS.sourcePartition]: '2',
          [DEAD_LETTER_HEADERS.sourceOffset]: '8',
        },
      },
    ]);
  });

  it('rolls the whole batch back and reports a retriable error when apply throws', () => {
    const [a, b] = [sampleEnvelope(), sampleEnvelope()];
    const failing = (event: EventEnvelope): void => {
      applied.push(event);
      if (event.eventId === b.eventId) throw new TypeError('read model bug');
    };
    let thrown: unknown;
    try {
      processBatch({ topic, partition: 1, records: [record(a, 5), record(b, 6)], inbox, apply: failing });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApplyFailedError);
    expect(thrown).toMatchObject({ retriable: true, topic, partition: 1, firstOffset: '5' });
    expect((thrown as ApplyFailedError).failure).toEqual(new TypeError('read model bug'));
    expect((thrown as Error).message).toBe(
      'Applying th.points-of-entry.events.v1[1] from offset 5 failed: TypeError',
    );
    // Nothing was recorded, so the redelivered batch applies both events.
    applied = [];
    expect(processBatch({ topic, partition: 1, records: [record(a, 5), record(b, 6)], inbox, apply }).counts).toEqual({
      applied: 2,
      duplicates: 0,
      deadLettered: 0,
    });
  });

  describe('a poison event (apply keeps throwing)', () => {
    // Effects in the inbox's database, so a rolled-back attempt leaves none (unlike a JS array).
    const effect = (event: EventEnvelope): void => {
      db.exec('CREATE TABLE IF NOT EXISTS effects (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL)');
      db.prepare('INSERT INTO effects (event_id) VALUES (?)').run(event.eventId);
    };
    const effects = (): string[] => {
      db.exec('CREATE TABLE IF NOT EXISTS effects (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL)');
      return (db.prepare('SELECT event_id FROM effects ORDER BY seq').all() as Array<{ event_id: string }>).map((r) => r.event_id);
    };
    const poisoned = (bad: EventEnvelope) => (event: EventEnvelope): void => {
      effect(event);
      if (event.eventId === bad.eventId) throw Object.assign(new RangeError(`no such centre for ${bad.eventId}`), { code: 'BL_NO_CENTRE' });
    };
    const attempt = (input: Parameters<typeof processBatch>[0]): ReturnType<typeof processBatch> | ApplyFailedError => {
      try {
        return processBatch(input);
      } catch (error) {
        if (error instanceof ApplyFailedError) return error;
        throw error;
      }
    };

    it('is delivered again from it until its attempts are spent, then parked with the reason while the rest apply once', () => {
      const [a, bad, c] = [sampleEnvelope(), sampleEnvelope(), sampleEnvelope()];
      const poison = new PoisonTracker(3);
      const input = { topic, partition: 4, records: [record(a, 10), record(bad, 11), record(c, 12)], inbox, apply: poisoned(bad), poison };
      const first = attempt(input);
      const second = attempt(input);
      expect([first, second]).toEqual([expect.any(ApplyFailedError), expect.any(ApplyFailedError)]);
      expect(first).toMatchObject({ firstOffset: '11' });
      expect(effects()).toEqual([a.eventId]);
      const third = attempt(input);
      expect(third).not.toBeInstanceOf(ApplyFailedError);
      const outcome = third as ReturnType<typeof processBatch>;
      expect(effects()).toEqual([a.eventId, c.eventId]);
      expect(outcome.counts).toEqual({ applied: 1, duplicates: 1, deadLettered: 1 });
      expect(outcome.deadLetters).toEqual([
        { topic, partition: 4, offset: '11', reason: 'apply failed 3 times: RangeError BL_NO_CENTRE', deadLetterTopic: `${topic}.dlq` },
      ]);
      expect(outcome.deadLetterRecords[0]!.value).toEqual(record(bad, 11).value);
      // The reason names the error's class and code, never its message (it may quote personal data).
      expect(JSON.stringify(outcome.deadLetters)).not.toContain(bad.eventId);
      // Not applied, not marked seen: replayed from the dead-letter topic once fixed, it applies.
      expect(processBatch({ topic, partition: 4, records: [record(bad, 11)], inbox, apply }).counts).toEqual({ applied: 1, duplicates: 0, deadLettered: 0 });
    });

    it('rides out a failure that clears before the attempts are spent, and forgets it once the partition moves on', () => {
      const [a, b] = [sampleEnvelope(), sampleEnvelope()];
      const poison = new PoisonTracker(2);
      let failing = true;
      const flaky = (event: EventEnvelope): void => {
        effect(event);
        if (failing && event.eventId === b.eventId) throw new Error('database is locked');
      };
      const input = { topic, partition: 0, records: [record(a, 0), record(b, 1)], inbox, apply: flaky, poison };
      expect(attempt(input)).toBeInstanceOf(ApplyFailedError);
      failing = false;
      expect(attempt(input)).toMatchObject({ counts: { applied: 1, duplicates: 1, deadLettered: 0 } });
      expect(effects()).toEqual([a.eventId, b.eventId]);
      // The partition moved on: its failures are forgotten, so the tracker does not grow.
      expect(poison.failed(topic, 0, '1')).toBe(1);
    });

    it('refuses a number of attempts that is not a whole number from 1', () => {
      for (const n of [0, -1, 1.5, NaN]) expect(() => new PoisonTracker(n)).toThrow(RangeError);
    });
  });
});
