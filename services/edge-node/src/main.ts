import 'reflect-metadata';
import { CommandBus } from '@nestjs/cqrs';
import { bootstrapService, JsonLogger } from '@border-ledger/platform';
import { seedDemoCrossings, seedDemoScreeningPolicy } from '@border-ledger/points-of-entry';
import { EDGE_DEFAULTS } from './edge-defaults';
import { edgeNodeModule, readEdgeNodeSettings } from './edge-node.module';

const settings = readEdgeNodeSettings(process.env);
const { config } = settings;

async function main(): Promise<void> {
  const app = await bootstrapService(edgeNodeModule(settings), { serviceName: 'edge-node', host: config.host, port: config.port });
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
  process.stdout.write(banner(base, seed === 'off' ? 'TH-ARANYAPRATHET' : seed));
}

/** How to use the node: every endpoint but health and metrics needs a token, issued here by `npm run token`. */
function banner(base: string, post: string): string {
  // The token command must see the same data folder, agency and audience as the node.
  const env = ['DATA_DIR', 'NODE_AGENCY', 'AUTH_AUDIENCE']
    .filter((name) => process.env[name] !== undefined && process.env[name] !== (EDGE_DEFAULTS as Record<string, string>)[name])
    .map((name) => `${name}=${process.env[name]} `)
    .join('');
  const token = (args: string) => `TOKEN=$(${env}npm run -s token -- ${args})`;
  const auth = `-H "Authorization: Bearer $TOKEN"`;
  return [
    '',
    `Border Ledger edge node (${config.identity.agency}) is up at ${base}`,
    'Every endpoint but health and metrics needs a bearer token; this node issues them itself:',
    `  get a token:       ${token('--role cross-border-coordinator')}`,
    `                     roles: border-officer (--point-of-entry ${post}), port-health-officer, quarantine-staff (--centre CODE),`,
    '                     protection-officer, cross-border-coordinator, auditor, administrator; --help for more',
    `  shared crossings:  curl ${auth} '${base}/exchange/crossings?pointOfEntry=${post}'`,
    `  counts per day:    curl ${auth} ${base}/exchange/crossings/counts`,
    `  record a crossing: ${token(`--role border-officer --point-of-entry ${post}`)}`,
    `                     curl -X POST ${base}/crossings ${auth} -H 'content-type: application/json' \\`,
    `    -d '{"pointOfEntry":"${post}","direction":"entry","channel":"border-pass","purpose":"trade","nationality":"KH","sex":"female","ageBand":"25-34","occurredAt":"${new Date().toISOString()}"}'`,
    `  sensitive reads:   add -H 'X-Purpose-Of-Use: border-control' (recorded in the audit stream; auditors: GET /audit)`,
    `  health, metrics:   ${base}/health  ${base}/metrics (no token)`,
    `  data file:         ${settings.file}`,
    '',
  ].join('\n');
}

void main();
