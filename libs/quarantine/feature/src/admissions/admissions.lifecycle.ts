import { Inject, Injectable, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CLOCK, WorkQueues, WorkRunner, type Clock, type EventFeed } from '@border-ledger/event-store';
import { HealthRegistry, JsonLogger } from '@border-ledger/platform';
import { AdmissionWork } from './admission.work';
import { AdmissionsProcessManager } from './admissions.process-manager';

export const ADMISSIONS_FEED = Symbol('QUARANTINE_ADMISSIONS_FEED');
export const ADMISSIONS_SETTINGS = Symbol('QUARANTINE_ADMISSIONS_SETTINGS');

export interface AdmissionsSettings {
  /** False: events are taken in and work scheduled, but not run (tests of a restart mid-way). */
  readonly runWork: boolean;
  /** True when the process manager has its own database file (closed at shutdown). */
  readonly ownDatabase: boolean;
}

/**
 * Starts the admissions feed and its work runner after the projections (global modules start
 * first), and stops both in `onModuleDestroy`, before the read-model database closes.
 */
@Injectable()
export class AdmissionsLifecycle implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  readonly runner: WorkRunner;

  constructor(
    @Inject(ADMISSIONS_FEED) private readonly feed: EventFeed,
    @Inject(ADMISSIONS_SETTINGS) private readonly settings: AdmissionsSettings,
    @Inject(CLOCK) clock: Clock,
    private readonly manager: AdmissionsProcessManager,
    private readonly health: HealthRegistry,
    work: AdmissionWork,
    logger: JsonLogger,
    @Optional() private readonly queues?: WorkQueues,
  ) {
    this.runner = new WorkRunner(manager.queue, work.run, clock, {
      onError: (item, error, parked) =>
        logger.warn(`admission work ${item.id} ${parked ? 'parked' : 'will be retried'}: ${(error as Error).message}`, undefined, 'QuarantineAdmissions'),
    });
  }

  onModuleInit(): void {
    this.queues?.register({ name: 'quarantine-admissions', queue: this.manager.queue, wake: () => this.runner.wake() });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.health.register('quarantine-admissions', async () => void this.manager.db.prepare('SELECT 1').get());
    if (this.settings.runWork) {
      this.manager.wake = () => this.runner.wake();
      this.runner.start();
    }
    await this.feed.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.feed.stop();
    await this.runner.stop();
  }

  beforeApplicationShutdown(): void {
    if (this.settings.ownDatabase) this.manager.db.close();
  }
}
