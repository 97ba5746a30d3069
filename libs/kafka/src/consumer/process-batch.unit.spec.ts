import { openSqlite, SqliteInbox, type EventEnvelope, type SqliteDatabase } from '@border-ledger/event-store';
import { encodeEnvelope } from '../codec/encode-envelope';
import { sampleEnvelope } from '../testing';
import { DEAD_LETTER_HEADERS } from './dead-letter';
import { ApplyFailedError, processBatch } from './process-batch';
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
});
