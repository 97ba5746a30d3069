import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Identifies the chain of work a log line, command or event belongs to. */
export interface CorrelationContext {
  /** Shared by everything caused, directly or not, by one originating request. */
  correlationId: string;
  /** The id of the message (command/event) that directly caused the current work, if any. */
  causationId?: string;
}

/** HTTP header carrying the correlation id in and out (lower case, as Node exposes headers). */
export const CORRELATION_HEADER = 'x-correlation-id';

const storage = new AsyncLocalStorage<CorrelationContext>();

// Client-supplied ids end up in logs and event metadata: bound the length and the alphabet so a
// caller can't inject newlines, markup or megabytes through them.
const SANE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Runs `fn` with `ctx` as the current correlation context; everything `fn` starts
 * asynchronously (promises, timers, callbacks) sees the same context.
 * @returns whatever `fn` returns.
 */
export function runWithCorrelation<T>(ctx: CorrelationContext, fn: () => T): T {
  return storage.run({ ...ctx }, fn);
}

/** The correlation context of the work in progress, or `undefined` outside of one. */
export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}

/** True when `value` is an acceptable client-supplied correlation id (1–64 of `[A-Za-z0-9._:-]`). */
export function isValidCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && SANE_CORRELATION_ID.test(value);
}

/** A fresh correlation id (a random UUID). */
export function newCorrelationId(): string {
  return randomUUID();
}
