import { randomUUID } from 'node:crypto';
import type { EventEnvelope, EventStore, NewEvent } from '@border-ledger/event-store';
import { eventTopic } from '@border-ledger/kafka';

/** One numbered event as the store holds it: stream, number within the stream, id. */
export interface Numbered {
  readonly streamId: string;
  readonly seq: number;
  readonly eventId: string;
}

/** A bounded context, and so a topic, of its own for one fault case. */
export function faultTopic(tag: string): { topic: string; type: string } {
  const context = `faults-${tag}-${randomUUID().slice(0, 8)}`;
  return { topic: eventTopic('TH', context), type: `${context}.seq-appended.v1` };
}

/**
 * The number of an event within its stream: `data.seq` for the events written here (the writer's
 * own count, independent of the store), the stream revision for others (crossings and voids).
 */
export function seqOf(event: Pick<EventEnvelope, 'data' | 'revision'>): number {
  const seq = (event.data as { seq?: unknown } | null)?.seq;
  return typeof seq === 'number' ? seq : event.revision;
}

/** Appends events `{ seq }` (1, 2, …) to `streams` streams, one per stream per round. */
export class SequenceWriter {
  readonly streams: string[];
  private rounds = 0;

  constructor(
    private readonly store: EventStore,
    private readonly type: string,
    streams: number,
    /** Characters of padding per event, to give the log weight. */
    private readonly padding = 0,
  ) {
    this.streams = Array.from({ length: streams }, (_, i) => `seq-${i}-${randomUUID().slice(0, 8)}`);
  }

  get appended(): number {
    return this.rounds * this.streams.length;
  }

  /** Appends `count` rounds; streams of one round are appended concurrently (group commit). */
  async append(count = 1): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      const seq = this.rounds + 1;
      await Promise.all(
        this.streams.map((streamId) => this.store.append(streamId, [this.event(seq)], seq === 1 ? 'no-stream' : seq - 2)),
      );
      this.rounds = seq;
    }
  }

  private event(seq: number): NewEvent {
    return {
      eventId: randomUUID(),
      type: this.type,
      schemaVersion: 1,
      data: this.padding > 0 ? { seq, pad: 'x'.repeat(this.padding) } : { seq },
      occurredAt: new Date().toISOString(),
      metadata: { agency: 'TH-IMM', country: 'TH', correlationId: randomUUID(), causationId: null },
    };
  }
}

/** Every event in `store` whose type `wanted` accepts, numbered: what the consumers must apply. */
export async function numberedEvents(store: EventStore, wanted: (type: string) => boolean): Promise<Numbered[]> {
  const out: Numbered[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, limit: 2000 });
    if (page.length === 0) return out;
    for (const event of page) {
      if (wanted(event.type)) out.push({ streamId: event.streamId, seq: seqOf(event), eventId: event.eventId });
    }
    after = page[page.length - 1].position;
  }
}
