import { Module, type Type } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type Clock, type EventStore, type SqliteDatabase } from '@border-ledger/event-store';
import { EventStoreModule, ProjectionRegistry, ProjectionsModule, READ_MODEL_DB } from '@border-ledger/event-store/nest';
import { PlatformModule } from '@border-ledger/platform';
import { startTestApp, type TestApp } from '@border-ledger/testing';
import { AdmissionsProcessManager } from '../admissions/admissions.process-manager';
import { QuarantineModule } from '../quarantine.module';

/** A Thai test node serving the quarantine module, its log and read models in SQLite files. */
export interface QuarantineTestNode {
  readonly api: TestApp;
  readonly store: EventStore;
  readonly projections: ProjectionRegistry;
  readonly readModel: SqliteDatabase;
  readonly admissions: AdmissionsProcessManager;
  /** The folder of its files (start another node on it to restart). */
  readonly dir: string;
  /** Waits until the admissions feed has taken in the whole log, its due work has run, and the read models caught up. */
  settle(): Promise<void>;
  /** Stops the app (its files stay). */
  stop(): Promise<void>;
  /** Stops the app and removes its folder. */
  close(): Promise<void>;
}

export interface QuarantineTestNodeOptions {
  /** Reuse the files of a stopped node (a restart). */
  readonly dir?: string;
  readonly clock?: Clock;
  /** False: admissions are scheduled but not run. */
  readonly runWork?: boolean;
}

function quarantineTestModule(dir: string, options: QuarantineTestNodeOptions): Type<unknown> {
  @Module({
    imports: [
      PlatformModule.forRoot({ serviceName: 'quarantine-test' }),
      EventStoreModule.forRoot({ path: join(dir, 'events.sqlite'), identity: { agency: 'TH-DDC', country: 'TH' }, clock: options.clock }),
      ProjectionsModule.forRoot({ path: join(dir, 'read-models.sqlite') }),
      QuarantineModule.forRoot({ feed: { kind: 'store' }, runWork: options.runWork }),
    ],
  })
  class QuarantineTestRoot {}
  return QuarantineTestRoot;
}

/** Starts such a node in a fresh temporary folder, or on the files of `options.dir`. */
export async function startQuarantineTestNode(options: QuarantineTestNodeOptions = {}): Promise<QuarantineTestNode> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'bl-quarantine-'));
  const api = await startTestApp(quarantineTestModule(dir, options));
  const store = api.app.get<EventStore>(EVENT_STORE);
  const projections = api.app.get(ProjectionRegistry);
  const admissions = api.app.get(AdmissionsProcessManager);
  const settle = async (): Promise<void> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const head = await store.headPosition();
      const fed = admissions.db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?').get('quarantine-admissions:store-feed');
      const busy = options.runWork === false ? false : admissions.queue.due(new Date('9999-12-31T23:59:59Z'), 1).some((item) => item.attempts === 0);
      if ((fed?.position ?? 0) >= head && !busy) break;
      if (Date.now() > deadline) throw new Error('The admissions process manager did not settle');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await projections.catchUp();
  };
  return {
    api,
    store,
    projections,
    readModel: api.app.get<SqliteDatabase>(READ_MODEL_DB),
    admissions,
    dir,
    settle,
    stop: () => api.close(),
    close: async () => {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
