import { Module, type DynamicModule } from '@nestjs/common';
import { openSqlite } from '@border-ledger/event-store';
import { READ_MODEL_DB } from '@border-ledger/event-store/nest';
import { eventFeedProvider, type FeedSource } from '@border-ledger/kafka/nest';
import { AdmissionWork } from './admissions/admission.work';
import { ADMISSIONS_FEED, ADMISSIONS_SETTINGS, AdmissionsLifecycle, type AdmissionsSettings } from './admissions/admissions.lifecycle';
import { ADMISSIONS_DB, AdmissionsProcessManager } from './admissions/admissions.process-manager';
import { CentreModule } from './centre/centre.module';
import { QuarantineCoreModule } from './quarantine-core.module';
import { StayModule } from './stay/stay.module';

export interface QuarantineModuleOptions {
  /**
   * Where screening outcomes come from: `{ kind: 'store' }` on the edge node (one log for every
   * context); `{ kind: 'kafka', groupId, topics }` in the distributed node (the points-of-entry
   * topic, and the quarantine topic for the retry of travellers awaiting a place).
   */
  readonly feed: FeedSource;
  /**
   * SQLite file of the admissions process manager (its screenings and policies tables, inbox,
   * checkpoint and work queue). Default: the read-model database (`READ_MODEL_DB`), so that the
   * edge node keeps one file.
   */
  readonly stateDbPath?: string;
  /** False only in tests of a restart mid-way: events are taken in, work is scheduled but not run. Default true. */
  readonly runWork?: boolean;
}

/**
 * The quarantine bounded context: centres and capacity, stays (admission, daily checks, tests,
 * release, transfer, absconding), occupancy projections, and the admissions process manager that
 * turns screening outcomes of quarantine or isolation into admissions or capacity alerts
 * (ADR 0008). Needs the event store, projections and platform modules from the composition root,
 * and `KafkaModule` for a Kafka feed.
 */
@Module({})
export class QuarantineModule {
  static forRoot(options: QuarantineModuleOptions): DynamicModule {
    const settings: AdmissionsSettings = { runWork: options.runWork ?? true, ownDatabase: options.stateDbPath !== undefined };
    const { stateDbPath } = options;
    return {
      module: QuarantineModule,
      imports: [QuarantineCoreModule, CentreModule, StayModule],
      providers: [
        stateDbPath === undefined ? { provide: ADMISSIONS_DB, useExisting: READ_MODEL_DB } : { provide: ADMISSIONS_DB, useFactory: () => openSqlite(stateDbPath) },
        { provide: ADMISSIONS_SETTINGS, useValue: settings },
        AdmissionsProcessManager,
        AdmissionWork,
        eventFeedProvider({ provide: ADMISSIONS_FEED, source: options.feed, checkpointName: 'quarantine-admissions:store-feed', target: AdmissionsProcessManager }),
        AdmissionsLifecycle,
      ],
      exports: [QuarantineCoreModule],
    };
  }
}
