import type { ConsumerFactory, ConsumerOptions, EventConsumer } from '../ports/event-consumer.port';
import { assertTopicNames } from '../topics/topic-names';
import type { KafkaClient } from './kafka-client';
import { KafkajsEventConsumer, type KafkajsConsumerSettings } from './kafkajs-consumer';

/** {@link ConsumerFactory} on kafkajs; see {@link KafkajsEventConsumer} for the batch protocol. */
export class KafkajsConsumerFactory implements ConsumerFactory {
  constructor(
    private readonly client: KafkaClient,
    private readonly settings: KafkajsConsumerSettings = {},
  ) {}

  /** @throws InvalidTopicNameError when a topic is not `<country>.<context>.events.v1`. */
  create(options: ConsumerOptions): EventConsumer {
    if (!options.groupId) throw new Error('A consumer needs a group id');
    if (options.topics.length === 0) throw new Error('A consumer needs at least one topic');
    assertTopicNames(options.topics);
    return new KafkajsEventConsumer(this.client, options, this.settings);
  }
}
