import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { join } from 'node:path';
import { EventStoreModule, ProjectionsModule } from '@border-ledger/event-store/nest';
import { ExchangeModule } from '@border-ledger/exchange';
import { IdentityVaultModule, readIdentityConfig } from '@border-ledger/identity';
import { bootstrapService, JsonLogger, PlatformModule, readServiceConfig } from '@border-ledger/platform';
import {
  PointsOfEntryModule,
  SeedReferencePointsOfEntryModule,
  seedDemoCrossings,
  seedDemoScreeningPolicy,
} from '@border-ledger/points-of-entry';
import { QuarantineModule } from '@border-ledger/quarantine';
import { ReferralsModule } from '@border-ledger/referrals';

/** Demo-ready defaults: a Thai immigration post at Aranyaprathet, data under ./data/edge. */
const config = readServiceConfig(process.env, {
  PORT: '3000',
  NODE_COUNTRY: 'TH',
  NODE_AGENCY: 'TH-IMM',
  DATA_DIR: 'data/edge',
});
// One SQLite file holds the log, the checkpoints and the read models: one file to back up.
const file = process.env['EDGE_DB_PATH'] ?? join(config.dataDir, 'edge.sqlite');
// Keys of travellers live apart from the log so that destroying one erases that identity (crypto-shredding).
const identity = readIdentityConfig(process.env, { dataDir: config.dataDir, generateKeyIfMissing: true });

/** Every bounded context in one process on one SQLite file, with no broker. */
@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'edge-node' }),
    EventStoreModule.forSqlite({ path: file, identity: config.identity }),
    ProjectionsModule.forRoot({ path: file }),
    IdentityVaultModule.forRoot(identity),
    SeedReferencePointsOfEntryModule,
    PointsOfEntryModule,
    ExchangeModule.forRoot({ readModelPath: file, feed: { kind: 'store' } }),
    QuarantineModule,
    ReferralsModule,
  ],
})
class EdgeNodeModule {}

async function main(): Promise<void> {
  const app = await bootstrapService(EdgeNodeModule, { serviceName: 'edge-node', host: config.host, port: config.port });
  const logger = app.get(JsonLogger);
  const seed = process.env['DEMO_SEED'] ?? 'TH-ARANYAPRATHET';
  if (seed !== 'off') {
    // Yesterday at the post: every seeded time is safely in the past.
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const commands = app.get(CommandBus);
    const policy = await seedDemoScreeningPolicy(commands, config.identity.country, '2020-01-01T00:00:00.000Z');
    if (!policy.replayed) logger.log('demo seed: screening policy version 1 published', 'EdgeNode');
    const replies = await seedDemoCrossings(commands, { pointOfEntry: seed, count: 24, day });
    const fresh = replies.filter((r) => !r.replayed).length;
    logger.log(`demo seed: ${fresh} new crossings at ${seed} (${replies.length - fresh} already there)`, 'EdgeNode');
  }
  const base = `http://${config.host}:${(app.getHttpServer().address() as { port: number }).port}`;
  process.stdout.write(
    [
      '',
      `Border Ledger edge node (${config.identity.agency}) is up at ${base}`,
      `  shared crossings:  curl ${base}/exchange/crossings?pointOfEntry=TH-ARANYAPRATHET`,
      `  counts per day:    curl ${base}/exchange/crossings/counts`,
      `  record a crossing: curl -X POST ${base}/crossings -H 'content-type: application/json' \\`,
      `    -d '{"pointOfEntry":"TH-ARANYAPRATHET","direction":"entry","channel":"border-pass","purpose":"trade","nationality":"KH","sex":"female","ageBand":"25-34","occurredAt":"${new Date().toISOString()}"}'`,
      `  health, metrics:   ${base}/health  ${base}/metrics`,
      `  data file:         ${file}`,
      '',
    ].join('\n'),
  );
}

void main();
