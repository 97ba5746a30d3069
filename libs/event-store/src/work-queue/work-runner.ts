import type { Clock } from '../application/clock';
import type { SqliteWorkQueue, WorkItem } from './sqlite-work-queue';

/** What to do with one item; throw {@link PermanentWorkError} when retrying cannot help. */
export type WorkHandler = (item: WorkItem) => Promise<void>;

/** A failure retrying cannot fix (a rule refused the command): the item is parked with the reason. */
export class PermanentWorkError extends Error {}

export interface WorkRunnerOptions {
  /** How often to look for due items when nothing wakes the runner (timers). Default 1 s. */
  readonly pollMs?: number;
  /** Backoff after a failure: attempt n waits min(maxBackoffMs, baseBackoffMs × 2^n). */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly onError?: (item: WorkItem, error: unknown, parked: boolean) => void;
}

/**
 * Runs due items one at a time, in due order, with an injectable clock: tests move the clock and
 * call {@link runDue}; services call {@link start}, and feeds call {@link wake} after new events.
 */
export class WorkRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly queue: SqliteWorkQueue,
    private readonly handler: WorkHandler,
    private readonly clock: Clock,
    private readonly options: WorkRunnerOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Something new may be due: run soon. */
  wake(): void {
    if (!this.stopped) this.schedule(0);
  }

  /** Runs every item due now (and those that become due while running); returns how many ran. */
  async runDue(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async drain(): Promise<number> {
    let ran = 0;
    do {
      this.again = false;
      for (;;) {
        const [item] = this.queue.due(this.clock(), 1);
        if (!item) break;
        await this.runOne(item);
        ran += 1;
      }
    } while (this.again);
    return ran;
  }

  private async runOne(item: WorkItem): Promise<void> {
    try {
      await this.handler(item);
      this.queue.complete(item.id);
    } catch (error) {
      const permanent = error instanceof PermanentWorkError;
      const message = error instanceof Error ? error.message : String(error);
      if (permanent) this.queue.park(item.id, message);
      else {
        const base = this.options.baseBackoffMs ?? 200;
        const wait = Math.min(this.options.maxBackoffMs ?? 30_000, base * 2 ** item.attempts);
        this.queue.fail(item.id, message, new Date(this.clock().getTime() + wait));
      }
      this.options.onError?.(item, error, permanent);
    }
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runDue()
        .catch(() => undefined)
        .finally(() => {
          if (!this.stopped) this.schedule(this.options.pollMs ?? 1000);
        });
    }, ms);
    this.timer.unref();
  }
}
