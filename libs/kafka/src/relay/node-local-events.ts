import { contextOfEventType } from '../topics/topic-names';
import type { EventPublisher } from '../ports/event-publisher.port';

/**
 * Bounded contexts whose events stay on the node. `security` is the audit of access (who read
 * which record, every refusal): evidence for the node's auditors, never for a neighbour, and no
 * topic of the ACL plan would take it.
 */
export const NODE_LOCAL_CONTEXTS: ReadonlySet<string> = new Set(['security']);

/** True for an event the relay publishes: any but those of a node-local context. */
export function isPublished(event: { readonly type: string }): boolean {
  return !NODE_LOCAL_CONTEXTS.has(contextOfEventType(event.type));
}

/** The publisher minus node-local events; a batch of only those publishes nothing (and is checkpointed). */
export function withoutNodeLocalEvents(publisher: EventPublisher): EventPublisher {
  return {
    publish: (events) => publisher.publish(events.filter(isPublished)),
    close: () => publisher.close(),
  };
}
