import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

/**
 * The proto contracts checked with the buf binary from node_modules (no network, no BSR): lint,
 * format, the breaking-change check against main, and that the checked-in TypeScript is what
 * `npm run proto:generate` produces.
 */
const ROOT = resolve(__dirname, '../../..');
const BUF = join(ROOT, 'node_modules', '.bin', 'buf');
const GENERATED = join(ROOT, 'libs', 'contracts', 'src', 'gen');

interface Run {
  readonly status: number | null;
  readonly output: string;
}

/** Git variables from a surrounding hook or worktree would point git and buf at the wrong repository. */
const cleanEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('GIT_')) delete env[name];
  return env;
};

const run = (command: string, args: readonly string[], cwd = ROOT): Run => {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 50_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

/** Fails with the command's output, so a lint or breaking failure reads like running it by hand. */
const expectSuccess = (result: Run, what: string): void => {
  if (result.status !== 0) throw new Error(`${what} exited with ${result.status}:\n${result.output}`);
};

const git = (args: readonly string[], cwd = ROOT): Run => run('git', ['-c', 'user.name=contracts-test', '-c', 'user.email=contracts-test@example.invalid', '-c', 'commit.gpgsign=false', ...args], cwd);

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();

describe('proto contracts (buf)', () => {
  const temps: string[] = [];
  const temp = (prefix: string): string => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    temps.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('passes buf lint (STANDARD)', () => {
    expectSuccess(run(BUF, ['lint', 'proto']), 'buf lint proto');
  });

  it('is formatted as buf format would', () => {
    expectSuccess(run(BUF, ['format', 'proto', '--diff', '--exit-code']), 'buf format proto --diff --exit-code');
  });

  it('breaks nothing against main (FILE rules)', () => {
    const ref = ['main', 'origin/main', 'HEAD'].find((candidate) => git(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]).status === 0);
    if (ref === undefined) throw new Error('not a git checkout: cannot resolve main, origin/main or HEAD');
    const commit = git(['rev-parse', `${ref}^{commit}`]).output.trim();
    const protoFiles = git(['ls-tree', '-r', '--name-only', commit, '--', 'proto/']).output.split('\n').filter((file) => file.endsWith('.proto'));
    if (protoFiles.length === 0) {
      // The ref predates the contracts (before they were first committed): there is nothing to
      // break, and buf would fail with 'had no .proto files' on the empty against-input. The
      // contracts must then at least lint; the negative test below proves the check itself works.
      expectSuccess(run(BUF, ['lint', 'proto']), 'buf lint proto');
      return;
    }
    // The common git dir (not ".git"), so that this also works from a git worktree.
    const gitDir = resolve(ROOT, git(['rev-parse', '--git-common-dir']).output.trim());
    expectSuccess(run(BUF, ['breaking', 'proto', '--against', `${gitDir}#format=git,ref=${commit},subdir=proto`]), `buf breaking proto against ${ref} (${commit})`);
  });

  it('the breaking check passes an unchanged copy and catches a deleted, a renumbered and a retyped field', () => {
    const repo = temp('contracts-breaking-');
    cpSync(join(ROOT, 'proto'), join(repo, 'proto'), { recursive: true });
    expectSuccess(git(['init', '-q'], repo), 'git init');
    expectSuccess(git(['add', '.'], repo), 'git add');
    expectSuccess(git(['commit', '-q', '-m', 'contracts as on main'], repo), 'git commit');
    const against = `${join(repo, '.git')}#format=git,ref=HEAD,subdir=proto`;
    expectSuccess(run(BUF, ['breaking', 'proto', '--against', against], repo), 'buf breaking on an unchanged copy');

    const payloads = join(repo, 'proto', 'borderledger', 'exchange', 'v1', 'payloads.proto');
    const original = readFileSync(payloads, 'utf8');
    const changed = original
      .replace(/\n\s*bool voided = 13;/, '')
      .replace('optional string channel = 7;', 'optional string channel = 14;')
      .replace('optional uint32 quarantine_days = 6;', 'optional uint64 quarantine_days = 6;');
    expect(changed).not.toBe(original);
    writeFileSync(payloads, changed);

    const result = run(BUF, ['breaking', 'proto', '--against', against], repo);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('Previously present field "13" with name "voided" on message "SharedCrossing" was deleted');
    expect(result.output).toContain('Previously present field "7" with name "channel" on message "SharedCrossing" was deleted');
    expect(result.output).toContain('"quarantine_days" on message "SharedScreeningOutcome" changed type from "uint32" to "uint64"');
  });

  it('the checked-in TypeScript is what buf generate produces', () => {
    const out = temp('contracts-generate-');
    expectSuccess(run(BUF, ['generate', 'proto', '--template', 'proto/buf.gen.yaml', '-o', out]), 'buf generate');
    const fresh = join(out, relative(ROOT, GENERATED));
    const files = filesUnder(fresh);
    expect(files.length).toBeGreaterThan(0);
    expect(filesUnder(GENERATED)).toEqual(files);
    const stale = files.filter((file) => readFileSync(join(fresh, file), 'utf8') !== readFileSync(join(GENERATED, file), 'utf8'));
    if (stale.length > 0) throw new Error(`stale generated code (run npm run proto:generate): ${stale.join(', ')}`);
  });
});
