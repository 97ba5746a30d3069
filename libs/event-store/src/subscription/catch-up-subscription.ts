import type { EventEnvelope, GlobalPosition } from '../port/envelope';
import type { ReadAllOptions, SubscribeToAllOptions, Subscription } from '../port/event-store.port';

/** What a catch-up subscription needs from a store. */
export interface LogSource {
  readAll(options: ReadAllOptions): Promise<EventEnvelope[]>;
  /**
   * Resolves when an event after `position` may exist: on an in-process append notification,
   * after a poll interval (for writers in other processes), or when `signal` aborts.
   */
  waitForAppend(position: GlobalPosition, signal: AbortSignal): Promise<void>;
}

/**
 * Reads the log in batches from the checkpoint, then waits for appends. Because it always reads
 * "after the last position handed over", the switch from catch-up to live has no gap and no
 * repeat, and backpressure is natural: the next batch is read only when the handler is done.
 */
export function startCatchUpSubscription(source: LogSource, options: SubscribeToAllOptions): Subscription {
  const abort = new AbortController();
  const batchSize = options.batchSize ?? 256;
  let position = options.after;

  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      const batch = await source.readAll({ after: position, limit: batchSize });
      if (abort.signal.aborted) return;
      if (batch.length === 0) {
        await source.waitForAppend(position, abort.signal);
        continue;
      }
      await options.onBatch(batch);
      position = batch[batch.length - 1].position;
    }
  };

  const done = run().catch((error: unknown) => {
    abort.abort();
    if (options.onError) options.onError(error);
    else throw error;
  });
  // Keep an unobserved failure from crashing the process when the caller handles it via onError.
  if (options.onError) done.catch(() => undefined);

  return {
    position: () => position,
    stop: async () => {
      abort.abort();
      await done.catch(() => undefined);
    },
    done,
  };
}
