import { DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '../port/event-store.port';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';

/** Injection token of a service's own log (see {@link OwnLogModule}). */
export const OWN_LOG = Symbol('OWN_LOG');

class OwnLogLifecycle implements OnApplicationShutdown {
  constructor(@Inject(OWN_LOG) private readonly log: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.log.close();
  }
}

/**
 * A hash-chained SQLite log of a service's own records, apart from the node's log: for services
 * that only read the node's log (relay, exchange, …), whose appends there would make a second
 * writer (ADR 0006). Their audit of access goes here.
 */
@Global()
@Module({})
export class OwnLogModule {
  static forSqlite(options: { readonly path: string }): DynamicModule {
    return {
      module: OwnLogModule,
      providers: [{ provide: OWN_LOG, useFactory: () => new SqliteEventStore({ path: options.path }) }, OwnLogLifecycle],
      exports: [OWN_LOG],
    };
  }
}
