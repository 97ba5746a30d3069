import type { EventStore, Subscription } from '../port/event-store.port';
import type { GlobalPosition } from '../port/envelope';
import type { SqliteDatabase } from '../sqlite/sqlite-database';
import type { SqliteProjection } from './sqlite-projection';

/**
 * Keeps SQLite projections up to date from the store's global log. Each projection has its own
 * checkpoint and version in `projection_state`; a batch of events and the checkpoint commit in one
 * transaction, so a crash never applies an event twice or skips one. A projection whose version
 * changed is rebuilt from position 0.
 */
export class ProjectionRunner {
  private subscription: Subscription | null = null;
  private readonly positions = new Map<string, GlobalPosition>();

  constructor(
    private readonly store: EventStore,
    private readonly db: SqliteDatabase,
    private readonly projections: readonly SqliteProjection[],
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_state (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER NOT NULL)`);
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error('Projection names must be unique');
  }

  /** Migrates (rebuilding changed versions) and follows the log from the lowest checkpoint. */
  async start(): Promise<void> {
    const read = this.db.prepare<[string], { version: number; position: number }>(
      'SELECT version, position FROM projection_state WHERE name = ?',
    );
    this.db.transaction(() => {
      for (const projection of this.projections) {
        projection.migrate(this.db);
        const state = read.get(projection.name);
        if (state && state.version === projection.version) continue;
        projection.reset(this.db);
        projection.migrate(this.db);
        this.save(projection, 0);
      }
    })();
    for (const projection of this.projections) this.positions.set(projection.name, read.get(projection.name)?.position ?? 0);
    this.follow();
  }

  /** Rebuilds one projection from an empty read model while the others keep running. */
  async rebuild(name: string): Promise<void> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`No projection ${name}`);
    await this.stop();
    this.db.transaction(() => {
      projection.reset(this.db);
      projection.migrate(this.db);
      this.save(projection, 0);
    })();
    this.positions.set(name, 0);
    this.follow();
  }

  /** Resolves once every projection has applied the log up to the store's head at call time. */
  async catchUp(timeoutMs = 30_000): Promise<void> {
    const head = await this.store.headPosition();
    const deadline = Date.now() + timeoutMs;
    while (this.lowest() < head) {
      if (Date.now() > deadline) throw new Error(`Projections did not reach position ${head} in time`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The position each projection has applied up to. */
  checkpoints(): Record<string, GlobalPosition> {
    return Object.fromEntries(this.positions);
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }

  private follow(): void {
    this.subscription = this.store.subscribeToAll({
      after: this.lowest(),
      onBatch: async (events) => {
        const last = events[events.length - 1].position;
        const advanced: string[] = [];
        this.db.transaction(() => {
          for (const projection of this.projections) {
            const from = this.positions.get(projection.name) ?? 0;
            if (last <= from) continue;
            for (const event of events) if (event.position > from) projection.apply(event, this.db);
            this.save(projection, last);
            advanced.push(projection.name);
          }
        })();
        // Only after the commit: a failed batch leaves the in-memory positions untouched.
        for (const name of advanced) this.positions.set(name, last);
      },
      onError: this.onError,
    });
  }

  private save(projection: SqliteProjection, position: GlobalPosition): void {
    this.db
      .prepare(
        `INSERT INTO projection_state (name, version, position) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position`,
      )
      .run(projection.name, projection.version, position);
  }

  private lowest(): GlobalPosition {
    return Math.min(...this.projections.map((p) => this.positions.get(p.name) ?? 0));
  }
}
