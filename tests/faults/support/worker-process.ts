import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { findRepoRoot, waitUntil } from '@border-ledger/testing';

/** A TypeScript worker run as its own process, as the services are. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Lines printed on stdout so far. */
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): Promise<void>;
}

/** Starts `tests/faults/support/<file>` and waits for its `{"ready":true}` line. */
export async function startWorker(file: string, env: Record<string, string>): Promise<WorkerProcess> {
  const root = findRepoRoot();
  const child = spawn(process.execPath, ['-r', join(root, 'infra/scripts/register.js'), join(root, 'tests/faults/support', file)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const errors: string[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  await waitUntil(() => gone || lines.includes('{"ready":true}'), `${file} to start`, 60_000);
  if (gone && !lines.includes('{"ready":true}')) throw new Error(`${file} exited during start-up:\n${errors.join('')}`);
  return {
    child,
    lines,
    exited,
    stop: async () => {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
  };
}
