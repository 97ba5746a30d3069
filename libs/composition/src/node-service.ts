import type { DynamicModule } from '@nestjs/common';
import { join } from 'node:path';
import { EVENT_STORE } from '@border-ledger/event-store';
import { EventStoreModule, OWN_LOG, OwnLogModule } from '@border-ledger/event-store/nest';
import { PlatformModule, type ServiceConfig } from '@border-ledger/platform';
import { readSecurityConfig, SecurityModule } from '@border-ledger/security';
import { OperationsModule } from './operations/operations.module';

export interface NodeServiceOptions {
  /**
   * True for the node's one writer (points-of-entry): its audit of access goes into the node's log.
   * Other services only read that log, so their audit goes to a log of their own (ADR 0006, 0007).
   */
  readonly writer: boolean;
  /** Where followers of the log keep their checkpoints (default: the log's own file). */
  readonly checkpointPath?: string;
}

/**
 * The modules every service of a distributed node starts with: platform glue, access control and
 * the node's log (EventStoreDB or SQLite, from the configuration). Services add their own context.
 */
export function nodeServiceImports(serviceName: string, config: ServiceConfig, options: NodeServiceOptions): DynamicModule[] {
  const security = readSecurityConfig(process.env, { node: config.identity, auditLog: options.writer ? EVENT_STORE : OWN_LOG });
  return [
    PlatformModule.forRoot({ serviceName }),
    ...(options.writer ? [] : [OwnLogModule.forSqlite({ path: join(config.dataDir, `${serviceName}-audit.sqlite`) })]),
    SecurityModule.forRoot(security),
    EventStoreModule.forRoot({
      path: config.eventStorePath,
      eventStoreDbConnectionString: config.eventStoreDbConnectionString,
      checkpointPath: options.checkpointPath,
      identity: config.identity,
    }),
    { module: OperationsModule },
  ];
}
