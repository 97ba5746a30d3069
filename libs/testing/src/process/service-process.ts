import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sharedTestIdentityProvider } from '../auth/test-identity-provider';
import { findRepoRoot } from '../kafka/kafka-broker';

/** A service started as its own OS process, as it runs in production. */
export interface ServiceProcess {
  readonly name: string;
  readonly port: number;
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** Everything the process printed (stdout and stderr), for failure messages and log checks. */
  readonly output: string[];
  /** Resolves with the exit code and signal once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGTERM and waits for the exit (graceful shutdown). */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no shutdown hooks, as in a crash. */
  kill(): Promise<void>;
}

const running = new Set<ServiceProcess>();

/** SIGKILLs every service this test process started and has not seen exit (for afterAll). */
export async function killAllServices(): Promise<void> {
  await Promise.all([...running].map((service) => service.kill()));
}

/** A TCP port that was free on loopback a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await Promise.resolve().then(check).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts `services/<service>/src/main.ts` from source on a free port with `env`, and waits until
 * its readiness probe answers 200. Services trust {@link sharedTestIdentityProvider} unless `env`
 * names its own `AUTH_*`: send its tokens.
 */
export async function startService(service: string, env: Record<string, string>, options: { port?: number } = {}): Promise<ServiceProcess> {
  const root = findRepoRoot();
  const port = options.port ?? (await freePort());
  const child = spawn(
    process.execPath,
    ['-r', join(root, 'infra/scripts/register.js'), join(root, 'services', service, 'src/main.ts')],
    {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn', ...sharedTestIdentityProvider().env, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(async () => gone || (await fetch(`${baseUrl}/health/ready`)).status === 200, `${service} to be ready`, 60_000);
    if (gone) throw new Error(`${service} exited during start-up`);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- ${service} output ---\n${output.join('').slice(-4000)}`);
  }
  const handle: ServiceProcess = {
    name: service,
    port,
    baseUrl,
    child,
    output,
    exited,
    stop: async (timeoutMs = 15_000) => {
      if (!gone) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    kill: async () => {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
  };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}
