import { DEAD_LETTER_HEADERS, deadLetterRecord, type SourceRecord } from './dead-letter';
import { REDRIVEN_FROM_HEADER, redriveRecord } from './redrive';

const topic = 'th.points-of-entry.events.v1';
const dlq = `${topic}.dlq`;
const original: SourceRecord = { key: 'crossing-1', value: Buffer.from('{"event":1}'), headers: { 'event-type': 'x.v1', 'event-id': 'e-1' }, offset: '7' };
/** A record as the consumer parks it, then read back from the dead-letter topic at `offset`. */
const parked = (reason: string, offset = '3'): SourceRecord => {
  const { key, value, headers } = deadLetterRecord(topic, 0, original, reason);
  return { key, value, headers: headers as SourceRecord['headers'], offset };
};

describe('redriveRecord', () => {
  it('sends a poison event back to its source topic as it was, minus the dead-letter headers, saying where it came from', () => {
    expect(redriveRecord(dlq, parked('apply failed 5 times: TypeError'))).toEqual({
      kind: 'redrive',
      reason: 'apply failed 5 times: TypeError',
      record: { topic, key: 'crossing-1', value: original.value, headers: { 'event-type': 'x.v1', 'event-id': 'e-1', [REDRIVEN_FROM_HEADER]: `${dlq}@3` } },
    });
  });

  it('skips records parked for another reason unless asked, and those without a valid source', () => {
    expect(redriveRecord(dlq, parked('missing header "event-type"'))).toMatchObject({ kind: 'skip', why: expect.stringContaining('missing header') });
    expect(redriveRecord(dlq, parked('missing header "event-type"'), { reasonPrefix: 'missing header' })).toMatchObject({ kind: 'redrive' });
    const foreign = parked('apply failed 5 times: TypeError');
    expect(redriveRecord('kh.points-of-entry.events.v1.dlq', foreign)).toEqual({ kind: 'skip', why: 'no valid source topic' });
    const noSource = { ...foreign, headers: { ...foreign.headers, [DEAD_LETTER_HEADERS.sourceTopic]: 'not a topic' } };
    expect(redriveRecord(dlq, noSource)).toEqual({ kind: 'skip', why: 'no valid source topic' });
    expect(redriveRecord(dlq, { ...original, offset: '1' })).toEqual({ kind: 'skip', why: 'no dead-letter reason' });
  });
});
