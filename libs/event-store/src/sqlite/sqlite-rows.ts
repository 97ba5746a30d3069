import type { EventEnvelope } from '../port/envelope';
import type { EventRow } from './sqlite-schema';

export function rowToEnvelope(row: EventRow): EventEnvelope {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    data: JSON.parse(row.data) as unknown,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    metadata: {
      agency: row.agency,
      country: row.country,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
    },
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

export function envelopeToRow(event: EventEnvelope, dataJson: string): EventRow {
  return {
    position: event.position,
    event_id: event.eventId,
    stream_id: event.streamId,
    revision: event.revision,
    type: event.type,
    schema_version: event.schemaVersion,
    data: dataJson,
    occurred_at: event.occurredAt,
    recorded_at: event.recordedAt,
    agency: event.metadata.agency,
    country: event.metadata.country,
    correlation_id: event.metadata.correlationId,
    causation_id: event.metadata.causationId,
    previous_hash: event.previousHash,
    hash: event.hash,
  };
}
