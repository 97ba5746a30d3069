/**
 * A writer process for the crash test: appends batches from several concurrent loops and prints
 * one JSON line before each append (`attempt`) and after each acknowledgement (`ack`), until killed.
 * Usage: node -r infra/scripts/register.js crash-writer.ts  with CRASH_STORE=sqlite:<path>
 * or CRASH_STORE=esdb:<connection string>.
 */
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import type { EventStore } from '../port/event-store.port';
import { newEvents } from './fixtures';

async function openFromEnv(): Promise<EventStore> {
  const spec = process.env['CRASH_STORE'] ?? '';
  if (spec.startsWith('sqlite:')) return new SqliteEventStore({ path: spec.slice('sqlite:'.length) });
  if (spec.startsWith('esdb:')) {
    // Loaded on demand, so the SQLite writer does not load the gRPC client.
    const { EventStoreDbEventStore } = await import('../eventstoredb');
    return new EventStoreDbEventStore({ connectionString: spec.slice('esdb:'.length) });
  }
  throw new Error(`CRASH_STORE must be sqlite:<path> or esdb:<connection string>, got ${JSON.stringify(spec)}`);
}

async function loop(store: EventStore, worker: number): Promise<never> {
  for (let i = 0; ; i += 1) {
    const stream = `crash-${worker}-${i % 5}`;
    const events = newEvents(1 + (i % 10));
    const ids = events.map((e) => e.eventId);
    process.stdout.write(`${JSON.stringify({ kind: 'attempt', stream, ids })}\n`);
    const result = await store.append(stream, events, 'any');
    process.stdout.write(`${JSON.stringify({ kind: 'ack', stream, ids, position: result.position })}\n`);
  }
}

void openFromEnv()
  .then((store) => Promise.all([0, 1, 2, 3].map((worker) => loop(store, worker))))
  .catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
