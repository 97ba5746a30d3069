import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, WorkRunner, type Clock } from '@border-ledger/event-store';
import { JsonLogger } from '@border-ledger/platform';
import { REFERRALS_OPTIONS, type ResolvedReferralsOptions } from '../referrals.options';
import { ReferralWorkHandler } from './referral-work.handler';
import { ReferralsProcessStore } from './referrals-process.store';

/**
 * The referrals queue's runner, on the injected clock: the feeds wake it after each batch, it
 * polls for timers, and tests (with a fake clock) call {@link tick}.
 */
@Injectable()
export class ReferralsWorkRunner {
  private readonly runner: WorkRunner;

  constructor(
    private readonly process: ReferralsProcessStore,
    handler: ReferralWorkHandler,
    @Inject(CLOCK) clock: Clock,
    @Inject(REFERRALS_OPTIONS) private readonly options: ResolvedReferralsOptions,
    logger: JsonLogger,
  ) {
    this.runner = new WorkRunner(process.queue, (item) => handler.handle(item), clock, {
      pollMs: options.pollMs,
      onError: (item, error, parked) =>
        logger.warn(`referrals work ${item.id} ${parked ? 'parked' : 'failed, retried later'}: ${(error as Error).message}`, undefined, 'ReferralsProcess'),
    });
  }

  start(): void {
    if (this.options.runWork !== false) this.runner.start();
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  /** New work may be due. */
  wake(): void {
    this.runner.wake();
  }

  /** Runs everything due at the clock's now; returns how many items ran. */
  tick(): Promise<number> {
    return this.runner.runDue();
  }

  /** Work items by state (health, metrics, tests). */
  counts(): ReturnType<ReferralsProcessStore['queue']['counts']> {
    return this.process.queue.counts();
  }
}
