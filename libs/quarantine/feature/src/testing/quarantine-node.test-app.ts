import { Module, type Type } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore, type SqliteDatabase } from '@border-ledger/event-store';
import { EventStoreModule, ProjectionRegistry, ProjectionsModule, READ_MODEL_DB } from '@border-ledger/event-store/nest';
import { PlatformModule } from '@border-ledger/platform';
import { startTestApp, type TestApp } from '@border-ledger/testing';
import { QuarantineModule } from '../quarantine.module';

/** A Thai test node serving the quarantine module, its log and read models in SQLite files. */
export interface QuarantineTestNode {
  readonly api: TestApp;
  readonly store: EventStore;
  readonly projections: ProjectionRegistry;
  readonly readModel: SqliteDatabase;
  /** Stops the app and removes its folder. */
  close(): Promise<void>;
}

function quarantineTestModule(dir: string): Type<unknown> {
  @Module({
    imports: [
      PlatformModule.forRoot({ serviceName: 'quarantine-test' }),
      EventStoreModule.forRoot({ path: join(dir, 'events.sqlite'), identity: { agency: 'TH-DDC', country: 'TH' } }),
      ProjectionsModule.forRoot({ path: join(dir, 'read-models.sqlite') }),
      QuarantineModule,
    ],
  })
  class QuarantineTestRoot {}
  return QuarantineTestRoot;
}

/** Starts such a node in a fresh temporary folder. */
export async function startQuarantineTestNode(): Promise<QuarantineTestNode> {
  const dir = mkdtempSync(join(tmpdir(), 'bl-quarantine-'));
  const api = await startTestApp(quarantineTestModule(dir));
  return {
    api,
    store: api.app.get<EventStore>(EVENT_STORE),
    projections: api.app.get(ProjectionRegistry),
    readModel: api.app.get<SqliteDatabase>(READ_MODEL_DB),
    close: async () => {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
