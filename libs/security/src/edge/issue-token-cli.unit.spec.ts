import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAuthConfig } from '../token/auth-config';
import { TokenVerifier } from '../token/token-verifier';
import { EDGE_SIGNING_KEY_FILE, edgeIssuer } from './edge-signing-key';
import { issueTokenCommand } from './issue-token-cli';

describe('npm run token (edge issuer)', () => {
  let dir: string;
  const defaults = { DATA_DIR: 'unused', NODE_AGENCY: 'TH-IMM' };
  const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => issueTokenCommand(argv, { DATA_DIR: dir, ...env }, defaults);

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bl-edge-token-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("issues an officer's token that the edge node verifies with the key it generated once", async () => {
    const result = await run(['--role', 'border-officer', '--point-of-entry', 'TH-ARANYAPRATHET', '--sub', 'officer-7']);
    if (!('token' in result)) throw new Error(result.error);
    expect(result.note).toContain('officer-7 (border-officer, TH-IMM at TH-ARANYAPRATHET)');
    expect(statSync(join(dir, EDGE_SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    const node = edgeIssuer(dir, 'TH-IMM');
    const verified = await new TokenVerifier(readAuthConfig({}, node.defaults)).verify(result.token);
    expect(verified).toEqual({
      ok: true,
      principal: { subject: 'officer-7', issuer: 'urn:border-ledger:edge-issuer:TH-IMM', agency: 'TH-IMM', country: 'TH', roles: ['border-officer'], pointsOfEntry: ['TH-ARANYAPRATHET'], centres: [], clientId: 'edge-cli' },
    });
    expect(edgeIssuer(dir, 'TH-IMM').kid).toBe(node.kid);
  });

  it('issues for another agency of the country and honours AUTH_AUDIENCE', async () => {
    const result = await run(['--role', 'protection-officer', '--agency', 'TH-DSDW', '--ttl', '30m'], { AUTH_AUDIENCE: 'urn:test' });
    if (!('token' in result)) throw new Error(result.error);
    const node = edgeIssuer(dir, 'TH-IMM', { AUTH_AUDIENCE: 'urn:test' });
    expect(await new TokenVerifier(readAuthConfig({ AUTH_AUDIENCE: 'urn:test' }, node.defaults)).verify(result.token)).toMatchObject({ ok: true, principal: { agency: 'TH-DSDW' } });
  });

  it.each([
    [[], /at least one --role/],
    [['--role', 'superuser'], /unknown role superuser/],
    [['--role', 'border-officer', '--point-of-entry', 'KH-POIPET'], /KH-POIPET is not a code of TH/],
    [['--role', 'auditor', '--agency', 'KH-GDI'], /agency of TH/],
    [['--role', 'auditor', '--ttl', '48h'], /--ttl/],
    [['--role', 'auditor', '--sub', 'Somchai Jaidee'], /--sub/],
    [['--rol', 'auditor'], /Unknown option/],
  ])('refuses %j with the usage', async (argv, message) => {
    const result = await run(argv);
    expect('error' in result && result.error).toMatch(message);
    expect('error' in result && result.error).toContain('npm run -s token');
  });
});
