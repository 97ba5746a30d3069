import type { EventEnvelope } from '@border-ledger/event-store';
import type { EventPublisher } from '../ports/event-publisher.port';
import { withoutNodeLocalEvents } from './node-local-events';

describe('withoutNodeLocalEvents', () => {
  it('publishes every event but the audit of access', async () => {
    const published: string[][] = [];
    const inner: EventPublisher = { publish: async (events) => void published.push(events.map((e) => e.type)), close: async () => undefined };
    const publisher = withoutNodeLocalEvents(inner);
    const event = (type: string) => ({ type }) as EventEnvelope;
    await publisher.publish([event('points-of-entry.crossing-recorded.v1'), event('security.access-refused.v1'), event('quarantine.admitted.v1')]);
    await publisher.publish([event('security.access-granted.v1')]);
    expect(published).toEqual([['points-of-entry.crossing-recorded.v1', 'quarantine.admitted.v1'], []]);
  });
});
