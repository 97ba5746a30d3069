import {
  BACKWARDS,
  END,
  FORWARDS,
  StreamNotFoundError,
  type AllStreamRecordedEvent,
  type EventStoreDBClient,
  type ReadPosition,
  type ReadStreamOptions,
  type RecordedEvent,
} from '@eventstore/db-client';

/** Events of one stream; a stream that does not exist reads as empty. */
export async function readStreamEvents(
  client: EventStoreDBClient,
  streamId: string,
  options: ReadStreamOptions,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const resolved of client.readStream(streamId, options)) if (resolved.event) events.push(resolved.event);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return events;
}

/** Revision of the last event of a stream, or null when it does not exist. */
export async function lastRevision(client: EventStoreDBClient, streamId: string): Promise<number | null> {
  const [last] = await readStreamEvents(client, streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
  return last === undefined ? null : Number(last.revision);
}

async function readPage(
  client: EventStoreDBClient,
  from: ReadPosition,
  backwards: boolean,
  maxCount: number,
): Promise<AllStreamRecordedEvent[]> {
  const events: AllStreamRecordedEvent[] = [];
  const read = client.readAll({ fromPosition: from, maxCount, direction: backwards ? BACKWARDS : FORWARDS });
  for await (const resolved of read) if (resolved.event) events.push(resolved.event);
  return events;
}

/**
 * Every event of `$all` from `from` onwards, page by page. A forward read from a position
 * includes the event there, so each page after the first starts with the previous page's last
 * event, which is dropped.
 */
export async function* readAllForwards(
  client: EventStoreDBClient,
  from: ReadPosition,
  pageSize = 512,
): AsyncGenerator<AllStreamRecordedEvent> {
  let cursor = from;
  let seen: bigint | undefined;
  for (;;) {
    const page = await readPage(client, cursor, false, pageSize);
    for (const event of page) if (seen === undefined || event.position.commit > seen) yield event;
    if (page.length < pageSize) return;
    cursor = page[page.length - 1].position;
    seen = cursor.commit;
  }
}

/** Every event of `$all` from the end backwards, page by page (a backward read excludes its start). */
export async function* readAllBackwards(client: EventStoreDBClient, pageSize = 256): AsyncGenerator<AllStreamRecordedEvent> {
  let cursor: ReadPosition = END;
  for (;;) {
    const page = await readPage(client, cursor, true, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    cursor = page[page.length - 1].position;
  }
}
