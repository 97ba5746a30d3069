import { Module, type Type } from '@nestjs/common';
import { join } from 'node:path';
import { OperationsModule } from '@border-ledger/composition';
import { EVENT_STORE } from '@border-ledger/event-store';
import { EventStoreModule, ProjectionsModule } from '@border-ledger/event-store/nest';
import { ExchangeModule, readExchangeSettings, type ExchangeSettings } from '@border-ledger/exchange';
import { readKafkaSecurity } from '@border-ledger/kafka';
import { KafkaModule } from '@border-ledger/kafka/nest';
import { IdentityVaultModule, readIdentityConfig, type IdentityConfig } from '@border-ledger/identity';
import { PlatformModule, readServiceConfig, type ServiceConfig } from '@border-ledger/platform';
import { PointsOfEntryModule, SeedReferencePointsOfEntryModule } from '@border-ledger/points-of-entry';
import { QuarantineModule } from '@border-ledger/quarantine';
import { readAcceptanceLimits, ReferralsModule } from '@border-ledger/referrals';
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
  readonly exchange: ExchangeSettings;
  /** Brokers of the cross-border link (`EXCHANGE_KAFKA_BROKERS`): none keeps the node offline, its feeds queued. */
  readonly exchangeBrokers: readonly string[];
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
    exchange: readExchangeSettings(env, { dataDir: config.dataDir, ...config.identity, generateKeyIfMissing: true }),
    exchangeBrokers: (env['EXCHANGE_KAFKA_BROKERS'] ?? '').split(',').map((b) => b.trim()).filter(Boolean),
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
      ...(settings.exchangeBrokers.length > 0
        ? [KafkaModule.forRoot({ brokers: settings.exchangeBrokers, clientId: `${config.identity.agency.toLowerCase()}-edge`, security: readKafkaSecurity(process.env) })]
        : []),
      ExchangeModule.forRoot({ readModelPath: file, feed: { kind: 'store' }, link: settings.exchangeBrokers.length > 0, ...settings.exchange }),
      QuarantineModule.forRoot({ feed: { kind: 'store' } }),
      ReferralsModule.forRoot({ feed: { kind: 'store' }, processDbPath: file, acceptWithin: readAcceptanceLimits(process.env) }),
      OperationsModule,
    ],
  })
  class EdgeNodeModule {}
  return EdgeNodeModule;
}
