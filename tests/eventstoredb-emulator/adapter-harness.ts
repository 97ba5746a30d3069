import { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from '@border-ledger/event-store/eventstoredb';
import { startEmulator, type EventStoreDbEmulator, type LogRecord } from '.';

/** A fresh emulator per test, and adapters on it that are closed after the test. */
export interface EmulatedStores {
  readonly emulator: EventStoreDbEmulator;
  /** An adapter that resubscribes quickly (10 ms, up to 100 ms), so drop tests stay short. */
  open(options?: Partial<EventStoreDbEventStoreOptions>): EventStoreDbEventStore;
  /** The events of one stream as the server stores them. */
  recordsOf(streamId: string): LogRecord[];
}

/** Registers the hooks; use the returned object inside tests only. */
export function useEmulatedStores(): EmulatedStores {
  let emulator: EventStoreDbEmulator | undefined;
  const stores: EventStoreDbEventStore[] = [];
  const current = (): EventStoreDbEmulator => {
    if (!emulator) throw new Error('The emulator runs only inside a test');
    return emulator;
  };
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await current().stop();
    emulator = undefined;
  });
  return {
    get emulator() {
      return current();
    },
    open: (options = {}) => {
      const store = new EventStoreDbEventStore({
        connectionString: current().connectionString,
        resubscribe: { initialDelayMs: 10, maxDelayMs: 100 },
        ...options,
      });
      stores.push(store);
      return store;
    },
    recordsOf: (streamId) => current().records().filter((record) => record.streamId === streamId),
  };
}

export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Stored JSON bytes, parsed. */
export const json = (bytes: Uint8Array): Record<string, unknown> => JSON.parse(Buffer.from(bytes).toString('utf8'));
