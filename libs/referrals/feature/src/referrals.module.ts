import { DynamicModule, Inject, Module, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { WorkQueues, type EventFeed } from '@border-ledger/event-store';
import { ProjectionRegistry } from '@border-ledger/event-store/nest';
import { eventFeedProvider } from '@border-ledger/kafka/nest';
import { HealthRegistry } from '@border-ledger/platform';
import { EscalationTimers } from './process/escalation.timers';
import { FlagToReferralProcessManager } from './process/flag-to-referral.process-manager';
import { ReferralWorkHandler } from './process/referral-work.handler';
import { ReferralsProcessStore } from './process/referrals-process.store';
import { ReferralsWorkRunner } from './process/referrals-work.runner';
import { ReferralCommandHandler } from './referral/referral.command-handler';
import { ReferralHttpController } from './referral/referral.http.controller';
import { ReferralsProjection } from './referral/referrals.projection';
import { DEFAULT_ACCEPTANCE_LIMITS, REFERRALS_OPTIONS, type ReferralsModuleOptions, type ResolvedReferralsOptions } from './referrals.options';

const FLAG_FEED = Symbol('REFERRALS_FLAG_FEED');
const TIMER_FEED = Symbol('REFERRALS_TIMER_FEED');

/** Starts the work runner and both feeds once the app is up; stops them before the store closes. */
class ReferralsLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(FLAG_FEED) private readonly flags: EventFeed,
    @Inject(TIMER_FEED) private readonly timers: EventFeed,
    private readonly runner: ReferralsWorkRunner,
    private readonly process: ReferralsProcessStore,
    private readonly projections: ProjectionRegistry,
    private readonly referrals: ReferralsProjection,
    private readonly health: HealthRegistry,
    @Optional() private readonly queues?: WorkQueues,
  ) {}

  onModuleInit(): void {
    this.projections.register(this.referrals);
    this.queues?.register({ name: 'referrals', queue: this.process.queue, wake: () => this.runner.wake() });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.health.register('referrals-process', async () => void this.process.db.prepare('SELECT 1').get());
    this.runner.start();
    await this.timers.start();
    await this.flags.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flags.stop();
    await this.timers.stop();
    await this.runner.stop();
    this.process.close();
  }
}

/**
 * The protection-referrals context: the process manager from trafficking flags to referrals (which
 * also applies partners' answers to cross-border shares, received through the exchange on the same
 * feed: the node's log, or the exchange topic beside points-of-entry), escalation timers, the referrals read model and the protection officers' HTTP API. Needs the
 * event store (the referrals' own log), projections and platform modules from the composition,
 * and `KafkaModule` when the flags come from Kafka.
 */
@Module({})
export class ReferralsModule {
  static forRoot(options: ReferralsModuleOptions): DynamicModule {
    const resolved: ResolvedReferralsOptions = { ...options, acceptWithin: { ...DEFAULT_ACCEPTANCE_LIMITS, ...options.acceptWithin } };
    return {
      module: ReferralsModule,
      imports: [CqrsModule],
      controllers: [ReferralHttpController],
      providers: [
        { provide: REFERRALS_OPTIONS, useValue: resolved },
        { provide: ReferralsProcessStore, useFactory: () => ReferralsProcessStore.open(options.processDbPath) },
        ReferralCommandHandler,
        ReferralsProjection,
        ReferralWorkHandler,
        ReferralsWorkRunner,
        FlagToReferralProcessManager,
        EscalationTimers,
        eventFeedProvider({ provide: FLAG_FEED, source: options.feed, checkpointName: 'referrals:flags', target: FlagToReferralProcessManager }),
        // The referrals' own events are always in the store this module writes to.
        eventFeedProvider({ provide: TIMER_FEED, source: { kind: 'store' }, checkpointName: 'referrals:timers', target: EscalationTimers }),
        ReferralsLifecycle,
      ],
      exports: [ReferralCommandHandler, ReferralsProjection, ReferralsWorkRunner],
    };
  }
}
