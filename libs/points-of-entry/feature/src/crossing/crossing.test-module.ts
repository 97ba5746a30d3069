import { Module, type Type } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EventStoreModule, ProjectionsModule } from '@border-ledger/event-store/nest';
import { IdentityVaultModule } from '@border-ledger/identity';
import { PlatformModule } from '@border-ledger/platform';
import { CrossingModule } from './crossing.module';

export interface PointsOfEntryTestModuleOptions {
  /** Folder for the log, the read models and the vault (a temporary one in tests). */
  readonly dir: string;
  readonly country?: string;
  readonly agency?: string;
  /** The node's identity hash key; random per module by default. */
  readonly hashKey?: Buffer;
  /** Further modules to compose (e.g. `SeedReferencePointsOfEntryModule`). */
  readonly imports?: readonly Type<unknown>[];
}

/** File names of a test node under its folder. */
export const TEST_FILES = { events: 'events.sqlite', readModels: 'read-models.sqlite', vault: 'identity-vault.sqlite' } as const;

/**
 * A root module for tests of points of entry, crossings and traveller identity: the platform,
 * the SQLite event store, the read models and the key vault each in its own file under `dir`.
 * Start it with `startTestApp`, then `registerReferencePointsOfEntry(api.app)` before recording
 * crossings.
 */
export function pointsOfEntryTestModule(options: PointsOfEntryTestModuleOptions): Type<unknown> {
  const country = options.country ?? 'TH';
  @Module({
    imports: [
      PlatformModule.forRoot({ serviceName: 'points-of-entry-test' }),
      EventStoreModule.forRoot({
        path: join(options.dir, TEST_FILES.events),
        identity: { agency: options.agency ?? `${country}-IMM`, country },
      }),
      ProjectionsModule.forRoot({ path: join(options.dir, TEST_FILES.readModels) }),
      IdentityVaultModule.forRoot({ vaultPath: join(options.dir, TEST_FILES.vault), hashKey: options.hashKey ?? randomBytes(32) }),
      CrossingModule,
      ...(options.imports ?? []),
    ],
  })
  class PointsOfEntryTestModule {}
  return PointsOfEntryTestModule;
}
