import {
  assertTopicNames,
  contextOfEventType,
  deadLetterTopic,
  eventTopic,
  InvalidTopicNameError,
  isDeadLetterTopic,
  isEventTopic,
  parseTopic,
  topicForEvent,
  withDeadLetterTopics,
} from './topic-names';

describe('topic names', () => {
  it('routes an event by recording country and the first segment of its type', () => {
    const event = { type: 'points-of-entry.crossing-recorded.v1', metadata: { country: 'TH' } };
    expect(topicForEvent(event)).toBe('th.points-of-entry.events.v1');
    expect(eventTopic('la', 'exchange')).toBe('la.exchange.events.v1');
    expect(contextOfEventType('quarantine.case-opened.v2')).toBe('quarantine');
  });

  it('names the dead-letter topic after its source topic', () => {
    expect(deadLetterTopic('kh.referrals.events.v1')).toBe('kh.referrals.events.v1.dlq');
    expect(withDeadLetterTopics(['th.exchange.events.v1'])).toEqual([
      'th.exchange.events.v1',
      'th.exchange.events.v1.dlq',
    ]);
  });

  it('parses names back into their parts', () => {
    expect(parseTopic('vn.points-of-entry.events.v1')).toEqual({
      country: 'vn',
      context: 'points-of-entry',
      deadLetter: false,
    });
    expect(parseTopic('vn.points-of-entry.events.v1.dlq')).toEqual({
      country: 'vn',
      context: 'points-of-entry',
      deadLetter: true,
    });
    expect(isEventTopic('mm.exchange.events.v1')).toBe(true);
    expect(isEventTopic('mm.exchange.events.v1.dlq')).toBe(false);
    expect(isDeadLetterTopic('mm.exchange.events.v1.dlq')).toBe(true);
  });

  it.each([
    'TH.exchange.events.v1',
    'tha.exchange.events.v1',
    'th.Exchange.events.v1',
    'th.exchange.events.v2',
    'th.exchange.commands.v1',
    'th.exchange-.events.v1',
    'th..events.v1',
    'th.exchange.events.v1.dlq.dlq',
    '__consumer_offsets',
  ])('does not recognise %p', (name) => {
    expect(parseTopic(name)).toBeNull();
  });

  it.each([
    () => eventTopic('THA', 'exchange'),
    () => eventTopic('T1', 'exchange'),
    () => eventTopic('th', 'Points_Of_Entry'),
    () => eventTopic('th', ''),
    () => contextOfEventType('PointsOfEntry.crossing-recorded.v1'),
    () => contextOfEventType('exchange'),
    () => contextOfEventType('.crossing-recorded.v1'),
    () => deadLetterTopic('th.exchange.events.v1.dlq'),
    () => deadLetterTopic('orders'),
    () => assertTopicNames(['th.exchange.events.v1', 'bogus']),
    () => assertTopicNames(['th.exchange.events.v1.dlq']),
  ])('refuses an invalid name (case %#)', (make) => {
    expect(make).toThrow(InvalidTopicNameError);
  });

  it('lets dead-letter topics through assertTopicNames when asked', () => {
    expect(() => assertTopicNames(['th.exchange.events.v1.dlq'], { allowDeadLetter: true })).not.toThrow();
  });
});
