import { jsonEvent, type EventData, type JSONType, type RecordedEvent } from '@eventstore/db-client';
import type { EventEnvelope } from '../port/envelope';

/**
 * The envelope outside the payload, kept in the event's metadata. `$correlationId` and
 * `$causationId` repeat the ids under the names EventStoreDB's projections and UI understand.
 */
export interface StoredMetadata {
  readonly agency: string;
  readonly country: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly $correlationId: string;
  readonly $causationId?: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly position: number;
  readonly previousHash: string;
  readonly hash: string;
}

/** An event in `$all` that is not a Border Ledger envelope (nor a system event). */
export class NotAnEnvelopeError extends Error {
  constructor(streamId: string, revision: bigint, reason: string) {
    super(`Event ${revision} of stream ${streamId} is not a Border Ledger envelope: ${reason}`);
    this.name = 'NotAnEnvelopeError';
  }
}

/** System events (`$`-prefixed streams or types) belong to the server, not to the node's log. */
export function isSystemEvent(event: { readonly streamId: string; readonly type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

/** The event as written: a JSON event whose data is the payload and whose metadata is the envelope. */
export function toEventData(envelope: EventEnvelope): EventData {
  const { agency, country, correlationId, causationId } = envelope.metadata;
  const metadata: StoredMetadata = {
    agency,
    country,
    correlationId,
    causationId,
    $correlationId: correlationId,
    ...(causationId === null ? {} : { $causationId: causationId }),
    schemaVersion: envelope.schemaVersion,
    occurredAt: envelope.occurredAt,
    recordedAt: envelope.recordedAt,
    position: envelope.position,
    previousHash: envelope.previousHash,
    hash: envelope.hash,
  };
  // Any JSON value is a valid payload; the client's type only names the usual ones.
  return jsonEvent({ id: envelope.eventId, type: envelope.type, data: envelope.data as JSONType, metadata });
}

const HEX_64 = /^[0-9a-f]{64}$/;
const isText = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;

/** Why stored metadata is not an envelope, or null when it is one. */
function problemWith(metadata: unknown): string | null {
  if (metadata === null || typeof metadata !== 'object' || metadata instanceof Uint8Array) return 'no envelope metadata';
  const m = metadata as Record<string, unknown>;
  if (![m.agency, m.country, m.correlationId, m.occurredAt, m.recordedAt].every(isText)) return 'missing text fields';
  if (!(m.causationId === null || isText(m.causationId))) return 'causation id is neither text nor null';
  if (!isCount(m.schemaVersion) || !isCount(m.position) || m.position === 0) return 'bad schema version or position';
  if (![m.previousHash, m.hash].every((hash) => isText(hash) && HEX_64.test(hash))) return 'bad hashes';
  return null;
}

/** Rebuilds the envelope of a stored event. Throws {@link NotAnEnvelopeError}. */
export function fromRecorded(event: RecordedEvent): EventEnvelope {
  const problem = event.isJson ? problemWith(event.metadata) : 'not a JSON event';
  if (problem) throw new NotAnEnvelopeError(event.streamId, event.revision, problem);
  const m = event.metadata as unknown as StoredMetadata;
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: m.schemaVersion,
    data: event.data,
    occurredAt: m.occurredAt,
    metadata: { agency: m.agency, country: m.country, correlationId: m.correlationId, causationId: m.causationId },
    streamId: event.streamId,
    revision: Number(event.revision),
    position: m.position,
    recordedAt: m.recordedAt,
    previousHash: m.previousHash,
    hash: m.hash,
  };
}
