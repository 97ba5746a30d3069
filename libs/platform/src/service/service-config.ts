import { join, resolve } from 'node:path';

/** Settings every service reads from its environment (see docs/configuration.md). */
export interface ServiceConfig {
  readonly host: string;
  readonly port: number;
  /** Folder of the node's SQLite files. */
  readonly dataDir: string;
  /** The SQLite file of the node's event log (shared by the writer and the relay of a node). */
  readonly eventStorePath: string;
  readonly identity: { readonly agency: string; readonly country: string };
  /** EventStoreDB connection string when the node's log lives there (distributed); else undefined. */
  readonly eventStoreDbConnectionString: string | undefined;
  /** Kafka bootstrap servers; empty when the composition runs without a broker. */
  readonly kafkaBrokers: string[];
}

/** Thrown for a missing or malformed setting; services exit with its message at start-up. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and checks the common settings. `defaults` lets a composition (e.g. the edge node demo)
 * supply its own defaults; the environment always wins.
 */
export function readServiceConfig(env: NodeJS.ProcessEnv, defaults: Partial<Record<string, string>> = {}): ServiceConfig {
  const get = (name: string): string | undefined => env[name] ?? defaults[name];
  const port = Number(get('PORT') ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be 0-65535, got ${get('PORT')}`);
  const country = (get('NODE_COUNTRY') ?? '').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new ConfigError('NODE_COUNTRY must be an ISO 3166-1 alpha-2 code, e.g. TH');
  const agency = get('NODE_AGENCY') ?? '';
  if (!/^[A-Z]{2}-[A-Z0-9-]{2,30}$/.test(agency)) throw new ConfigError('NODE_AGENCY must look like TH-IMM');
  const dataDir = resolve(get('DATA_DIR') ?? 'data');
  const brokers = (get('KAFKA_BROKERS') ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) throw new ConfigError(`KAFKA_BROKERS entry ${broker} is not host:port`);
  }
  const esdb = get('EVENTSTORE_CONNECTION_STRING') || undefined;
  if (esdb !== undefined && !/^(esdb|esdb\+discover):\/\/\S+$/.test(esdb)) {
    throw new ConfigError('EVENTSTORE_CONNECTION_STRING must look like esdb://host:2113?tls=false');
  }
  return {
    host: get('HOST') ?? '127.0.0.1',
    port,
    dataDir,
    eventStorePath: resolve(get('EVENT_STORE_PATH') ?? join(dataDir, 'events.sqlite')),
    identity: { agency, country },
    eventStoreDbConnectionString: esdb,
    kafkaBrokers: brokers,
  };
}
