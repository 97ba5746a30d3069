import { canonicalJson } from '../hash-chain/canonical-json';
import type { NewEvent } from './envelope';
import { InvalidAppendError } from './errors';
import type { ExpectedRevision } from './event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/;
/** `<context>.<event-name>.v<version>`: the context routes the event to its topic. */
const EVENT_TYPE = /^[a-z][a-z0-9-]{0,62}\.[a-z][a-z0-9.-]{0,126}\.v[1-9][0-9]{0,3}$/;

/**
 * Checks what every adapter must refuse before touching storage, and returns the canonical
 * JSON of each payload (what is stored and hashed). Throws {@link InvalidAppendError}.
 */
export function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): string[] {
  if (!STREAM_ID.test(streamId)) throw new InvalidAppendError(`Invalid stream id: ${JSON.stringify(streamId)}`);
  if (!(expected === 'any' || expected === 'no-stream' || (Number.isSafeInteger(expected) && expected >= 0))) {
    throw new InvalidAppendError(`Invalid expected revision: ${String(expected)}`);
  }
  if (events.length === 0) throw new InvalidAppendError('An append needs at least one event');
  const ids = new Set<string>();
  return events.map((event, index) => {
    const where = `event ${index} of stream ${streamId}`;
    if (!UUID.test(event.eventId)) throw new InvalidAppendError(`${where}: event id must be a UUID`);
    if (ids.has(event.eventId)) throw new InvalidAppendError(`${where}: event id repeated in the batch`);
    ids.add(event.eventId);
    if (!EVENT_TYPE.test(event.type)) {
      throw new InvalidAppendError(`${where}: type must look like <context>.<event-name>.v<version>`);
    }
    if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidAppendError(`${where}: schema version must be a positive integer`);
    }
    if (Number.isNaN(Date.parse(event.occurredAt))) throw new InvalidAppendError(`${where}: occurredAt is not a date`);
    const { agency, country, correlationId } = event.metadata;
    if (!agency || !/^[A-Z]{2}$/.test(country) || !correlationId) {
      throw new InvalidAppendError(`${where}: metadata needs agency, country (ISO alpha-2) and correlation id`);
    }
    try {
      return canonicalJson(event.data);
    } catch (error) {
      throw new InvalidAppendError(`${where}: payload is not JSON: ${(error as Error).message}`);
    }
  });
}
