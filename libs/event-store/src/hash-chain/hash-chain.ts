import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventEnvelope } from '../port/envelope';

/** The envelope fields the hash covers: everything but the hash itself. */
export type HashedFields = Omit<EventEnvelope, 'hash'>;

/**
 * SHA-256 (hex) over the canonical encoding of the envelope, which includes `previousHash`,
 * so each event commits to the whole log before it.
 */
export function hashEvent(fields: HashedFields): string {
  const body = canonicalJson({
    causationId: fields.metadata.causationId,
    correlationId: fields.metadata.correlationId,
    agency: fields.metadata.agency,
    country: fields.metadata.country,
    data: fields.data,
    eventId: fields.eventId,
    occurredAt: fields.occurredAt,
    position: fields.position,
    previousHash: fields.previousHash,
    recordedAt: fields.recordedAt,
    revision: fields.revision,
    schemaVersion: fields.schemaVersion,
    streamId: fields.streamId,
    type: fields.type,
  });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/**
 * Checks one link of the chain. Returns the reason it is broken, or null when it holds.
 * `expectedPrevious` is the hash of the event before it in the log.
 */
export function checkLink(event: EventEnvelope, expectedPrevious: string): string | null {
  if (event.previousHash !== expectedPrevious) return 'previous hash does not match the preceding event';
  let recomputed: string;
  try {
    recomputed = hashEvent(event);
  } catch (error) {
    return `cannot encode event: ${(error as Error).message}`;
  }
  return recomputed === event.hash ? null : 'hash does not match the event content';
}
