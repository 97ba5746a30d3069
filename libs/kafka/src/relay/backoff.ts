/** Capped exponential backoff: `base`, `2·base`, `4·base`, … never more than `max` (attempt ≥ 1). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(attempt - 1, 30); // 2^30 · base already exceeds any sane cap
  return Math.min(maxMs, baseMs * 2 ** exponent);
}

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
