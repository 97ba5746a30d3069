import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** A broker started by `infra/kafka/start-secure.sh`. */
export interface SecureBroker {
  /** SASL_PLAINTEXT bootstrap address. */
  readonly brokers: string[];
  /** SSL (client certificate required) bootstrap address, with `tls`. */
  readonly tlsBrokers: string[];
  /** Holds `<user>.password` for each user. */
  readonly secretsDir: string;
  /** Holds `ca.crt`, `<user>.crt` and `<user>.key`, with `tls`. */
  readonly tlsDir: string;
  /** Client properties of the super user `User:admin`. */
  readonly adminConfig: string;
  stop(): Promise<void>;
}

function repoRoot(): string {
  for (let dir = resolve(__dirname); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
  }
  throw new Error(`no nx.json above ${__dirname}`);
}

/** Runs a script of the repository with bash; resolves with its stdout, rejects with its stderr tail. */
export function runRepoScript(path: string, args: readonly string[]): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn('bash', [join(repoRoot(), path), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? ok(stdout) : fail(new Error(`${path} exited with ${code}:\n${stderr.slice(-3000)}`))));
  });
}

function line(stdout: string, name: string): string | undefined {
  return new RegExp(`^${name}=(\\S+)$`, 'm').exec(stdout)?.[1];
}

/** Starts a secure broker with SCRAM principals `users` (and mutual TLS with `tls`); stopped when this process dies. */
export async function startSecureBroker(users: readonly string[], options: { tls?: boolean } = {}): Promise<SecureBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-secure-'));
  const args = ['--dir', dir, '--owner-pid', String(process.pid), ...users.flatMap((user) => ['--user', user])];
  const stdout = await runRepoScript('infra/kafka/start-secure.sh', options.tls ? [...args, '--tls'] : args);
  const brokers = line(stdout, 'KAFKA_BROKERS');
  if (!brokers) throw new Error(`no KAFKA_BROKERS in start-secure.sh output:\n${stdout}`);
  return {
    brokers: brokers.split(','),
    tlsBrokers: line(stdout, 'KAFKA_TLS_BROKERS')?.split(',') ?? [],
    secretsDir: join(dir, 'secrets'),
    tlsDir: join(dir, 'tls'),
    adminConfig: join(dir, 'admin.properties'),
    stop: async () => {
      await runRepoScript('infra/kafka/stop.sh', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
