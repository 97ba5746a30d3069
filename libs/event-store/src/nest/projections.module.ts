import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HealthRegistry, JsonLogger } from '@border-ledger/platform';
import { EVENT_STORE, type EventStore } from '../port/event-store.port';
import { ProjectionRunner } from '../projection/projection-runner';
import type { SqliteProjection } from '../projection/sqlite-projection';
import { openSqlite, type SqliteDatabase } from '../sqlite/sqlite-database';

/** Injection token of the read-model SQLite connection shared by the projections of a process. */
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');

/**
 * Feature modules register their projections here (in their constructor or `onModuleInit`);
 * one runner follows the log for all of them once the application has started.
 */
@Injectable()
export class ProjectionRegistry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly projections: SqliteProjection[] = [];
  private runner: ProjectionRunner | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: SqliteDatabase,
    private readonly health: HealthRegistry,
    private readonly logger: JsonLogger,
  ) {}

  register(...projections: SqliteProjection[]): void {
    if (this.runner) throw new Error('Projections must be registered before the application starts');
    this.projections.push(...projections);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.health.register('read-models', async () => void this.db.prepare('SELECT 1').get());
    if (this.projections.length === 0) return;
    this.runner = new ProjectionRunner(this.store, this.db, this.projections, (error) =>
      this.logger.error(`projections stopped: ${(error as Error).message}`, (error as Error).stack, 'Projections'),
    );
    await this.runner.start();
  }

  /** Waits until every projection has caught up with the log (tests, and rebuild endpoints). */
  async catchUp(timeoutMs?: number): Promise<void> {
    await this.runner?.catchUp(timeoutMs);
  }

  /** Rebuilds one projection from an empty read model. */
  async rebuild(name: string): Promise<void> {
    if (!this.runner) throw new Error('Projections are not running');
    await this.runner.rebuild(name);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
    this.db.close();
  }
}

/** One read-model database and projection runner per process. */
@Global()
@Module({})
export class ProjectionsModule {
  static forRoot(options: { readonly path: string }): DynamicModule {
    return {
      module: ProjectionsModule,
      providers: [{ provide: READ_MODEL_DB, useFactory: () => openSqlite(options.path) }, ProjectionRegistry],
      exports: [READ_MODEL_DB, ProjectionRegistry],
    };
  }
}
