import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Options for {@link startKafkaBroker}. */
export interface KafkaBrokerOptions {
  /** Use the Kafka 4.x line instead of 3.9.x (see infra/kafka/pom.xml). */
  kafka4?: boolean;
  /** Data/config dir for the broker; must not hold a broker yet. Default: a new temp dir. */
  dir?: string;
}

/** A running single-node KRaft broker on 127.0.0.1. */
export interface KafkaBrokerHandle {
  /** Bootstrap addresses (`host:port`), stable across {@link KafkaBrokerHandle.restart}. */
  readonly brokers: string[];
  /** Dir holding server.properties, data and broker.log. */
  readonly dir: string;
  /** Stops the broker (SIGTERM, SIGKILL after 30 s); a no-op when already stopped. */
  stop(): Promise<void>;
  /** Starts the broker again on the same port and data dir, stopping it first if needed. */
  restart(): Promise<void>;
}

declare global {
  // Set by the Jest global setup, read by the global teardown (same process).
  var __KAFKA_BROKER__: KafkaBrokerHandle | undefined;
}

/**
 * Finds the repository root by walking up from `start` to the folder holding `nx.json`.
 * Falls back to `process.cwd()` when there is none.
 */
export function findRepoRoot(start: string = __dirname): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

function runScript(name: string, args: string[]): Promise<string> {
  const script = join(findRepoRoot(), 'infra', 'kafka', name);
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(stdout);
      else reject(new Error(`infra/kafka/${name} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-4000)}`));
    });
  });
}

function parseBrokers(stdout: string): string[] {
  const match = /^KAFKA_BROKERS=(\S+)$/m.exec(stdout);
  if (!match) throw new Error(`no KAFKA_BROKERS line in broker script output:\n${stdout}`);
  return match[1].split(',');
}

function makeHandle(dir: string, initialBrokers: string[]): KafkaBrokerHandle {
  let brokers = initialBrokers;
  return {
    get brokers() {
      return brokers;
    },
    dir,
    async stop() {
      await runScript('stop.sh', [dir]);
    },
    async restart() {
      brokers = parseBrokers(await runScript('restart.sh', [dir]));
    },
  };
}

/**
 * Starts a real Kafka broker (KRaft, single node, 127.0.0.1 only) fetched with Maven.
 * Resolves once the broker answers metadata requests. The broker is stopped automatically
 * if this process dies without calling `stop()`.
 */
export async function startKafkaBroker(opts: KafkaBrokerOptions = {}): Promise<KafkaBrokerHandle> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'kafka-broker-'));
  const args = ['--dir', dir, '--owner-pid', String(process.pid)];
  if (opts.kafka4) args.unshift('--kafka4');
  return makeHandle(dir, parseBrokers(await runScript('start.sh', args)));
}

/**
 * Returns a handle for a broker already started in `dir` (e.g. by the Jest global setup,
 * which exports the dir as `KAFKA_BROKER_DIR`), so a test can stop and restart it.
 */
export function attachKafkaBroker(dir: string): KafkaBrokerHandle {
  const bootstrap = readFileSync(join(dir, 'bootstrap'), 'utf8').trim();
  return makeHandle(dir, bootstrap.split(','));
}
