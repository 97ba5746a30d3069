import { Module, type Type } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore, type SqliteDatabase } from '@border-ledger/event-store';
import { EventStoreModule, ProjectionRegistry, ProjectionsModule, READ_MODEL_DB } from '@border-ledger/event-store/nest';
import { PlatformModule } from '@border-ledger/platform';
import { startTestApp, type TestApp } from '@border-ledger/testing';

/** A Thai test node serving some feature modules, its log and read models in SQLite files. */
export interface SqliteTestNodeOptions {
  readonly serviceName: string;
  /** The feature modules under test. */
  readonly modules: readonly Type<unknown>[];
  /** The agency stamped on the node's events; `TH-IMM` by default. */
  readonly agency?: string;
  /** The read models' file name in the folder; `read-models.sqlite` by default. */
  readonly readModelFile?: string;
}

/** The root module of such a node, its files under `dir`. */
export function sqliteTestModule(dir: string, options: SqliteTestNodeOptions): Type<unknown> {
  @Module({
    imports: [
      PlatformModule.forRoot({ serviceName: options.serviceName }),
      EventStoreModule.forRoot({ path: join(dir, 'events.sqlite'), identity: { agency: options.agency ?? 'TH-IMM', country: 'TH' } }),
      ProjectionsModule.forRoot({ path: join(dir, options.readModelFile ?? 'read-models.sqlite') }),
      ...options.modules,
    ],
  })
  class TestModule {}
  return TestModule;
}

export interface SqliteTestNode {
  readonly api: TestApp;
  readonly store: EventStore;
  readonly registry: ProjectionRegistry;
  readonly readModel: SqliteDatabase;
  /** Stops the app and removes its folder. */
  close(): Promise<void>;
}

/** Starts such a node in a fresh temporary folder named from `dirPrefix`. */
export async function startSqliteTestNode(dirPrefix: string, options: SqliteTestNodeOptions): Promise<SqliteTestNode> {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const api = await startTestApp(sqliteTestModule(dir, options));
  return {
    api,
    store: api.app.get<EventStore>(EVENT_STORE),
    registry: api.app.get(ProjectionRegistry),
    readModel: api.app.get<SqliteDatabase>(READ_MODEL_DB),
    close: async () => {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
