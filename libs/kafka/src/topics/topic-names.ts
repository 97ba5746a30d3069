/** Thrown when a topic name, country or bounded-context name breaks the naming scheme. */
export class InvalidTopicNameError extends Error {
  readonly code = 'INVALID_TOPIC_NAME';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTopicNameError';
  }
}

/** Version of the topic layout; bumped only for a breaking change of keys or headers. */
export const TOPIC_VERSION = 'v1';
const DEAD_LETTER_SUFFIX = '.dlq';

const COUNTRY = /^[A-Za-z]{2}$/;
// Lower-case kebab case, as in `points-of-entry`; keeps names inside Kafka's legal set.
const CONTEXT = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_CONTEXT_LENGTH = 100;
const EVENT_TOPIC = /^([a-z]{2})\.([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\.events\.v1$/;

/** The parts of a topic name; see {@link parseTopic}. */
export interface TopicName {
  /** Lower-case ISO 3166-1 alpha-2 code of the node that recorded the events. */
  readonly country: string;
  /** Bounded context, the first segment of the event types it carries. */
  readonly context: string;
  /** True for `<topic>.dlq`. */
  readonly deadLetter: boolean;
}

/**
 * The bounded context of an event type: its first dot-separated segment
 * (`points-of-entry.crossing-recorded.v1` → `points-of-entry`).
 * @throws {@link InvalidTopicNameError} when the segment is not lower-case kebab case.
 */
export function contextOfEventType(type: string): string {
  const context = type.split('.', 1)[0];
  if (!CONTEXT.test(context) || context.length > MAX_CONTEXT_LENGTH || !type.includes('.')) {
    throw new InvalidTopicNameError(
      `Event type ${JSON.stringify(type)} must start with a lower-case kebab-case context and a dot`,
    );
  }
  return context;
}

/**
 * `<country>.<context>.events.v1`, e.g. `eventTopic('TH', 'points-of-entry')` →
 * `th.points-of-entry.events.v1`.
 * @throws {@link InvalidTopicNameError} for a country that is not two letters or a bad context.
 */
export function eventTopic(country: string, context: string): string {
  if (!COUNTRY.test(country)) {
    throw new InvalidTopicNameError(`Country ${JSON.stringify(country)} is not an ISO 3166-1 alpha-2 code`);
  }
  if (!CONTEXT.test(context) || context.length > MAX_CONTEXT_LENGTH) {
    throw new InvalidTopicNameError(`Context ${JSON.stringify(context)} is not lower-case kebab case`);
  }
  return `${country.toLowerCase()}.${context}.events.${TOPIC_VERSION}`;
}

/** The topic an event is published to: by the recording node's country and the event type's context. */
export function topicForEvent(event: { readonly type: string; readonly metadata: { readonly country: string } }): string {
  return eventTopic(event.metadata.country, contextOfEventType(event.type));
}

/**
 * Where records of `topic` that cannot be decoded are parked: `<topic>.dlq`.
 * @throws {@link InvalidTopicNameError} when `topic` is not an event topic.
 */
export function deadLetterTopic(topic: string): string {
  if (!isEventTopic(topic)) throw new InvalidTopicNameError(`${JSON.stringify(topic)} is not an event topic`);
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

/** The given event topics followed by their dead-letter topics: what a deployment must create. */
export function withDeadLetterTopics(topics: readonly string[]): string[] {
  return [...topics, ...topics.map(deadLetterTopic)];
}

/** Splits a topic name into its parts, or returns null when it does not follow the scheme. */
export function parseTopic(name: string): TopicName | null {
  const deadLetter = name.endsWith(DEAD_LETTER_SUFFIX);
  const base = deadLetter ? name.slice(0, -DEAD_LETTER_SUFFIX.length) : name;
  const match = EVENT_TOPIC.exec(base);
  if (!match || match[2].length > MAX_CONTEXT_LENGTH) return null;
  return { country: match[1], context: match[2], deadLetter };
}

/** True for `<country>.<context>.events.v1`. */
export function isEventTopic(name: string): boolean {
  return parseTopic(name)?.deadLetter === false;
}

/** True for `<country>.<context>.events.v1.dlq`. */
export function isDeadLetterTopic(name: string): boolean {
  return parseTopic(name)?.deadLetter === true;
}

/**
 * Checks that every name is an event topic (or, with `allowDeadLetter`, a dead-letter topic).
 * @throws {@link InvalidTopicNameError} naming the first offender.
 */
export function assertTopicNames(names: readonly string[], options: { allowDeadLetter?: boolean } = {}): void {
  for (const name of names) {
    const parsed = parseTopic(name);
    if (!parsed || (parsed.deadLetter && !options.allowDeadLetter)) {
      throw new InvalidTopicNameError(`${JSON.stringify(name)} does not follow <country>.<context>.events.v1`);
    }
  }
}
