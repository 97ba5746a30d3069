// Topics
export {
  InvalidTopicNameError,
  TOPIC_VERSION,
  assertTopicNames,
  contextOfEventType,
  deadLetterTopic,
  eventTopic,
  isDeadLetterTopic,
  isEventTopic,
  parseTopic,
  topicForEvent,
  withDeadLetterTopics,
  type TopicName,
} from './topics/topic-names';

// Codec
export { EVENT_HEADERS, type EncodedRecord, type RawHeaderValue, type RawRecord } from './codec/record';
export { encodeEnvelope } from './codec/encode-envelope';
export { decodeRecord, type DecodeResult } from './codec/decode-record';

// Ports
export {
  EVENT_PUBLISHER,
  PublishFailedError,
  PublisherClosedError,
  type EventPublisher,
} from './ports/event-publisher.port';
export type { Inbox } from './ports/inbox.port';
export { RECORD_PUBLISHER, type OutgoingBytes, type RecordPublisher } from './ports/record-publisher.port';
export {
  CONSUMER_FACTORY,
  type ConsumerFactory,
  type ConsumerOptions,
  type DeadLetter,
  type EventConsumer,
  type ProcessedCounts,
} from './ports/event-consumer.port';
export { KAFKA_HEALTH, type KafkaHealth } from './ports/kafka-health.port';
export { jsonLineSink, type KafkaLogEntry, type KafkaLogLevel, type KafkaLogSink } from './ports/logger.port';

// Client-neutral consumer logic
export { DEAD_LETTER_HEADERS, deadLetterRecord, type OutgoingRecord, type SourceRecord } from './consumer/dead-letter';
export { DEFAULT_REDRIVE_PREFIX, REDRIVEN_FROM_HEADER, redriveRecord, type RedriveDecision, type RedriveFilter } from './consumer/redrive';
export { DEAD_LETTER_REDRIVE, type DeadLetterRedrive, type RedriveOptions, type RedriveReport } from './ports/dead-letter-redrive.port';
export { ApplyFailedError, DEFAULT_MAX_APPLY_ATTEMPTS, PoisonTracker, processBatch, type BatchInput, type BatchOutcome } from './consumer/process-batch';

// Relay
export { Relay, type RelayOptions } from './relay/relay';
export { KafkaFeed, type KafkaFeedOptions } from './consumer/kafka-feed';

// kafkajs adapter (the only code that knows the client)
export {
  createKafkaClient,
  type KafkaClient,
  type KafkaClientConfig,
  type KafkaRetrySettings,
} from './kafkajs/kafka-client';
export {
  KAFKA_SASL_MECHANISMS,
  kafkajsSecurityOptions,
  readKafkaSecurity,
  type KafkaSaslMechanism,
  type KafkaSaslSettings,
  type KafkaSecurity,
  type KafkaTlsSettings,
} from './kafkajs/kafka-security';
export { KafkajsPublisher, type KafkajsPublisherOptions } from './kafkajs/kafkajs-publisher';
export { KafkajsDeadLetterRedrive } from './kafkajs/kafkajs-redrive';
export { formatRedriveReport, parseRedriveArgs, redriveCommand, REDRIVE_USAGE } from './cli/redrive-command';
export { KafkajsConsumerFactory } from './kafkajs/kafkajs-consumer-factory';
export { KafkajsEventConsumer, type KafkajsConsumerSettings } from './kafkajs/kafkajs-consumer';
export { KafkajsAdmin, KafkaUnavailableError, type KafkajsAdminOptions } from './kafkajs/kafkajs-admin';
export { TOPIC_ADMIN, type TopicAdmin } from './ports/topic-admin.port';
