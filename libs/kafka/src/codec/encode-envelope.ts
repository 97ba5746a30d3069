import { canonicalJson, type EventEnvelope } from '@border-ledger/event-store';
import { EVENT_HEADERS as H, type EncodedRecord } from './record';

/**
 * Turns a stored event into a Kafka record: key = stream id, value = canonical JSON of `data`,
 * headers = every other envelope field as text (`causation-id` omitted when null).
 * The encoding is lossless: {@link decodeRecord} gives back an equal envelope.
 */
export function encodeEnvelope(event: EventEnvelope): EncodedRecord {
  const headers: Record<string, string> = {
    [H.eventId]: event.eventId,
    [H.type]: event.type,
    [H.schemaVersion]: String(event.schemaVersion),
    [H.streamId]: event.streamId,
    [H.revision]: String(event.revision),
    [H.position]: String(event.position),
    [H.occurredAt]: event.occurredAt,
    [H.recordedAt]: event.recordedAt,
    [H.agency]: event.metadata.agency,
    [H.country]: event.metadata.country,
    [H.correlationId]: event.metadata.correlationId,
    [H.previousHash]: event.previousHash,
    [H.hash]: event.hash,
  };
  if (event.metadata.causationId !== null) headers[H.causationId] = event.metadata.causationId;
  return { key: event.streamId, value: canonicalJson(event.data), headers };
}
