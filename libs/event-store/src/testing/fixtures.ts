import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../port/envelope';
import type { EventStore } from '../port/event-store.port';

/** What the contract suite needs from an adapter under test. */
export interface ContractSubject {
  /** A fresh store; empty unless the adapter runs against a shared server. */
  open(): Promise<EventStore>;
  /**
   * How the adapter numbers the log: `gap-free` (1, 2, 3…, the default, as SQLite does) or
   * `monotonic` (increasing, with gaps, as on EventStoreDB). Subscriptions are always checked
   * against the log itself; the steps of one only for `gap-free`.
   */
  readonly positions?: 'gap-free' | 'monotonic';
  /**
   * Optional crash test: a separate process that appends in a loop and prints one JSON line per
   * attempt and per acknowledgement (see `crash-writer.ts`); and a store over the same data.
   */
  readonly crash?: {
    spawnWriter(): import('node:child_process').ChildProcess;
    reopen(): Promise<EventStore>;
  };
}

let sequence = 0;

/** A new event with sensible defaults; `data` carries a sequence number for ordering checks. */
export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  sequence += 1;
  return {
    eventId: randomUUID(),
    type: 'test.something-happened.v1',
    schemaVersion: 1,
    data: { seq: sequence, note: 'ทดสอบ · test' },
    occurredAt: '2026-11-23T08:00:00.000Z',
    metadata: { agency: 'TH-IMM', country: 'TH', correlationId: randomUUID(), causationId: null },
    ...overrides,
  };
}

export function newEvents(count: number): NewEvent[] {
  return Array.from({ length: count }, () => newEvent());
}

export function uniqueStream(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}
