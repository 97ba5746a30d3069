import {
  START,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import type { EventEnvelope, GlobalPosition } from '../port/envelope';
import type { SubscribeToAllOptions, Subscription } from '../port/event-store.port';
import { fromRecorded, isSystemEvent } from './esdb-envelope';
import { anchorOf } from './global-position';

/** Delays between attempts to subscribe again after the server dropped a subscription. */
export interface ResubscribePolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** Ends the subscription for good: the handler failed, or the log holds something unreadable. */
class Fatal {
  constructor(readonly error: unknown) {}
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener('abort', wake, { once: true });
  });
}

/** What is buffered already, up to `max` events, after waiting for the first; null when it ended. */
async function nextBatch(
  subscription: AllStreamSubscription,
  events: AsyncIterator<AllStreamResolvedEvent>,
  max: number,
  signal: AbortSignal,
): Promise<AllStreamResolvedEvent[] | null> {
  const first = await untilAborted(events.next(), signal);
  if (first === undefined || first.done) return null;
  const batch = [first.value];
  while (batch.length < max && subscription.readableLength > 0) {
    const next = await events.next();
    if (next.done) break;
    batch.push(next.value);
  }
  return batch;
}

/**
 * A catch-up subscription on `$all` through the client's own subscription, which turns live by
 * itself but does not survive a drop. When it drops (an error, or the server ending it) it is
 * opened again from the exact `$all` position of the last event handled, after a growing delay;
 * positions already handed over are skipped, so there is no gap and no repeat.
 */
export function subscribeWithResume(
  client: EventStoreDBClient,
  options: SubscribeToAllOptions,
  policy: ResubscribePolicy,
): Subscription {
  const abort = new AbortController();
  const batchSize = options.batchSize ?? 256;
  let position: GlobalPosition = options.after;
  let resumeFrom: Position | undefined;
  let delay = policy.initialDelayMs;

  // A subscription from a position starts after the event there. Before anything is handled, that
  // event is the anchor of `after`: the last event of the batch before the one holding `after`.
  const startPoint = (): ReadPosition => {
    if (resumeFrom) return resumeFrom;
    const anchor = BigInt(anchorOf(position));
    return anchor === 0n ? START : { commit: anchor, prepare: anchor };
  };

  const handle = async (batch: AllStreamResolvedEvent[]): Promise<void> => {
    const envelopes: EventEnvelope[] = [];
    try {
      for (const { event } of batch) {
        if (!event || isSystemEvent(event)) continue;
        const envelope = fromRecorded(event);
        if (envelope.position > position) envelopes.push(envelope);
      }
      if (envelopes.length > 0) await options.onBatch(envelopes);
    } catch (error) {
      throw new Fatal(error);
    }
    if (envelopes.length > 0) position = envelopes[envelopes.length - 1].position;
    resumeFrom = batch[batch.length - 1].event?.position ?? resumeFrom;
    delay = policy.initialDelayMs;
  };

  const consume = async (): Promise<void> => {
    const subscription = client.subscribeToAll({ fromPosition: startPoint() }, { highWaterMark: batchSize });
    const events = subscription[Symbol.asyncIterator]();
    try {
      for (let batch = await nextBatch(subscription, events, batchSize, abort.signal); batch; ) {
        await handle(batch);
        batch = await nextBatch(subscription, events, batchSize, abort.signal);
      }
    } finally {
      await subscription.unsubscribe().catch(() => undefined);
      subscription.destroy();
    }
  };

  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        await consume();
      } catch (error) {
        if (error instanceof Fatal) throw error.error;
      }
      if (abort.signal.aborted) return;
      await sleep(delay, abort.signal);
      delay = Math.min(delay * 2, policy.maxDelayMs);
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
