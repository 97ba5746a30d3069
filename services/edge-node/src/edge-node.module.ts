import { Module, type Type } from '@nestjs/common';
import { join } from 'node:path';
import { EVENT_STORE } from '@border-ledger/event-store';
import { EventStoreModule, ProjectionsModule } from '@border-ledger/event-store/nest';
import { ExchangeModule } from '@border-ledger/exchange';
import { IdentityVaultModule, readIdentityConfig, type IdentityConfig } from '@border-ledger/identity';
import { PlatformModule, readServiceConfig, type ServiceConfig } from '@border-ledger/platform';
import { PointsOfEntryModule, SeedReferencePointsOfEntryModule } from '@border-ledger/points-of-entry';
import { QuarantineModule } from '@border-ledger/quarantine';
import { ReferralsModule } from '@border-ledger/referrals';
import { edgeIssuer, readSecurityConfig, SecurityModule, type EdgeIssuer, type SecurityModuleOptions } from '@border-ledger/security';
import { EDGE_DEFAULTS } from './edge-defaults';

/** Everything the edge node reads from its environment. */
export interface EdgeNodeSettings {
  readonly config: ServiceConfig;
  /** One SQLite file holds the log, the checkpoints and the read models: one file to back up. */
  readonly file: string;
  readonly identity: IdentityConfig;
  /** The node's own token issuer (`npm run token`), trusted besides any `AUTH_ISSUERS`. */
  readonly issuer: EdgeIssuer;
  readonly security: SecurityModuleOptions;
}

export function readEdgeNodeSettings(env: NodeJS.ProcessEnv): EdgeNodeSettings {
  const config = readServiceConfig(env, EDGE_DEFAULTS);
  const issuer = edgeIssuer(config.dataDir, config.identity.agency, env);
  return {
    config,
    file: env['EDGE_DB_PATH'] ?? join(config.dataDir, 'edge.sqlite'),
    // Keys of travellers live apart from the log so that destroying one erases that identity (crypto-shredding).
    identity: readIdentityConfig(env, { dataDir: config.dataDir, generateKeyIfMissing: true }),
    issuer,
    security: readSecurityConfig(env, { node: config.identity, auditLog: EVENT_STORE, edge: issuer }),
  };
}

/** Every bounded context in one process on one SQLite file, with no broker, behind access control. */
export function edgeNodeModule(settings: EdgeNodeSettings): Type<unknown> {
  const { config, file } = settings;
  @Module({
    imports: [
      PlatformModule.forRoot({ serviceName: 'edge-node' }),
      EventStoreModule.forRoot({ path: file, identity: config.identity }),
      ProjectionsModule.forRoot({ path: file }),
      IdentityVaultModule.forRoot(settings.identity),
      SecurityModule.forRoot(settings.security),
      SeedReferencePointsOfEntryModule,
      PointsOfEntryModule,
      ExchangeModule.forRoot({ readModelPath: file, feed: { kind: 'store' } }),
      QuarantineModule,
      ReferralsModule,
    ],
  })
  class EdgeNodeModule {}
  return EdgeNodeModule;
}
