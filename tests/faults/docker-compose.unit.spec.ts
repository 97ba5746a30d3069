import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findRepoRoot } from '@border-ledger/testing';

/**
 * infra/docker-compose.yml cannot be run here (no Docker engine); this checks what can be checked
 * without one: it parses, each service runs its main.ts from the checkout with every variable it
 * reads set, ports are unique and match, and Prometheus scrapes every service.
 */
interface ComposeService {
  image: string;
  command?: string;
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const root = findRepoRoot();
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const compose = parse(read('infra/docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const prometheus = parse(read('infra/prometheus/prometheus.yml')) as {
  scrape_configs: Array<{ metrics_path: string; static_configs: Array<{ targets: string[] }> }>;
};
const APPS = ['points-of-entry', 'relay', 'exchange', 'quarantine', 'referrals'];

/** Where `export function <name>(` is defined, among the libraries' sources. */
function definitionOf(name: string): string {
  const files = (readdirSync(join(root, 'libs'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
  const file = files.find((f) => read(join('libs', f)).includes(`export function ${name}(`));
  if (!file) throw new Error(`no definition of ${name} under libs/`);
  return join('libs', file);
}

/** Every variable a service reads: its main.ts's own, and those of each `read…Config(process.env)` it calls. */
function variablesRead(service: string): string[] {
  const main = read(`services/${service}/src/main.ts`);
  const sources = [main, read('libs/platform/src/logging/json-logger.ts')];
  for (const [, reader] of main.matchAll(/\b(read\w*Config)\(process\.env/g)) sources.push(read(definitionOf(reader)));
  const names = new Set<string>();
  for (const source of sources) {
    for (const match of source.matchAll(/(?:get\(|env\[)'([A-Z][A-Z0-9_]+)'/g)) names.add(match[1]);
  }
  return [...names].sort();
}

describe('infra/docker-compose.yml', () => {
  it('has Kafka in KRaft mode, EventStoreDB, Prometheus and every service', () => {
    const { services } = compose;
    expect(services['kafka'].image).toMatch(/^apache\/kafka:/);
    expect(services['kafka'].environment?.['KAFKA_PROCESS_ROLES']).toBe('broker,controller');
    expect(services['eventstore'].image).toMatch(/^eventstore\/eventstore:/);
    expect(services['eventstore'].environment?.['EVENTSTORE_INSECURE']).toBe('true');
    expect(services['prometheus'].image).toMatch(/^prom\/prometheus:/);
    for (const app of APPS) expect(services[app]).toBeDefined();
  });

  it.each(APPS)('runs %s from the checkout after npm install, with every variable it reads set', (app) => {
    const service = compose.services[app];
    expect(service.image).toBe('node:20');
    expect(service.command).toBe(`node -r ./infra/scripts/register.js services/${app}/src/main.ts`);
    expect(service.depends_on?.['deps']).toEqual({ condition: 'service_completed_successfully' });
    const missing = variablesRead(app).filter((name) => service.environment?.[name] === undefined);
    expect(missing).toEqual([]);
    expect(service.environment?.['HOST']).toBe('0.0.0.0');
    expect(service.ports).toEqual([`127.0.0.1:${service.environment?.['PORT']}:${service.environment?.['PORT']}`]);
  });

  it('publishes each host port once', () => {
    const hostPorts = Object.values(compose.services).flatMap((s) => (s.ports ?? []).map((p) => p.split(':').slice(0, -1).join(':')));
    expect(hostPorts.length).toBeGreaterThan(APPS.length);
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('gives the relay the log points-of-entry writes (EventStoreDB), and the Kafka services the broker', () => {
    const env = (app: string): Record<string, string | number> => compose.services[app].environment ?? {};
    expect(env('relay')['EVENT_STORE_PATH']).toBe(env('points-of-entry')['EVENT_STORE_PATH']);
    expect(env('relay')['KAFKA_BROKERS']).toBe('kafka:9092');
    expect(env('exchange')['KAFKA_BROKERS']).toBe('kafka:9092');
    expect(compose.services['relay'].depends_on?.['kafka']).toEqual({ condition: 'service_healthy' });
    expect(env('points-of-entry')['EVENTSTORE_CONNECTION_STRING']).toMatch(/^esdb:\/\/eventstore:2113\?tls=false$/);
    expect(env('relay')['EVENTSTORE_CONNECTION_STRING']).toBe(env('points-of-entry')['EVENTSTORE_CONNECTION_STRING']);
  });

  it('has Prometheus scrape /metrics of every service on its port', () => {
    const targets = prometheus.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets));
    expect(prometheus.scrape_configs.every((c) => c.metrics_path === '/metrics')).toBe(true);
    expect(targets.sort()).toEqual(APPS.map((app) => `${app}:${compose.services[app].environment?.['PORT']}`).sort());
  });
});
