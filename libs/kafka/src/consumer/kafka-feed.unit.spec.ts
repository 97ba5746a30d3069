import type { SqliteInbox } from '@border-ledger/event-store';
import type { MetricsService } from '@border-ledger/platform';
import type { ConsumerFactory, ConsumerOptions, EventConsumer } from '../ports/event-consumer.port';
import type { TopicAdmin } from '../ports/topic-admin.port';
import { KafkaFeed } from './kafka-feed';

/** A consumer factory whose members fail to start with the given errors, then start. */
function factoryFailing(errors: unknown[]): ConsumerFactory & { created: number; stopped: number } {
  const factory = {
    created: 0,
    stopped: 0,
    create(_options: ConsumerOptions): EventConsumer {
      factory.created += 1;
      const failure = errors.shift();
      return {
        start: async () => {
          if (failure) throw failure;
        },
        stop: async () => {
          factory.stopped += 1;
        },
      };
    },
  };
  return factory;
}

const admin: TopicAdmin = { ensureTopics: async () => undefined };
const feed = (factory: ConsumerFactory) =>
  new KafkaFeed(factory, admin, { groupId: 'g', topics: ['th.points-of-entry.events.v1'] }, {} as SqliteInbox, () => undefined, {} as MetricsService);
const retriable = Object.assign(new Error('This server does not host this topic-partition'), { retriable: true });

describe('KafkaFeed start', () => {
  it('tries again when the cluster is not ready for the subscription yet (a retriable error)', async () => {
    const factory = factoryFailing([retriable, retriable]);
    await feed(factory).start();
    expect(factory.created).toBe(3);
    expect(factory.stopped).toBe(2); // each failed member is let go before the next
  });

  it('fails at once on an error that retrying cannot fix', async () => {
    const factory = factoryFailing([new Error('SASL authentication failed')]);
    await expect(feed(factory).start()).rejects.toThrow('SASL authentication failed');
    expect(factory.created).toBe(1);
  });
});
