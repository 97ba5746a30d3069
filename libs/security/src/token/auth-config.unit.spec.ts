import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAuthConfig } from './auth-config';
import { SecurityConfigError } from './trusted-keys';

describe('readAuthConfig', () => {
  let dir: string;
  const jwk = (extra: object = {}) => ({ ...generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }), kid: 'k1', ...extra });
  const file = (name: string, content: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bl-auth-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads issuers with their agencies, the audience, keys and the time limits', () => {
    const config = readAuthConfig({
      AUTH_ISSUERS: 'https://idp.a=TH-IMM|TH-DDC, https://idp.b=TH-*',
      AUTH_AUDIENCE: 'urn:border-ledger:TH-IMM',
      AUTH_JWKS_FILE: file('jwks.json', { keys: [jwk({ iss: 'https://idp.a' }), jwk({ kid: 'k2', iss: 'https://idp.b', alg: 'EdDSA' })] }),
      AUTH_CLOCK_SKEW_SECONDS: '10',
    });
    expect(config.issuers).toEqual([{ issuer: 'https://idp.a', agencies: ['TH-IMM', 'TH-DDC'] }, { issuer: 'https://idp.b', agencies: ['TH-*'] }]);
    expect(config.keys.map((k) => [k.kid, k.issuer, k.algorithms])).toEqual([['k1', 'https://idp.a', ['EdDSA']], ['k2', 'https://idp.b', ['EdDSA']]]);
    expect([config.audience, config.clockSkewSeconds, config.maxTokenAgeSeconds]).toEqual(['urn:border-ledger:TH-IMM', 10, 86_400]);
  });

  it('reads a folder of PEM public keys for a single issuer, named by kid', () => {
    mkdirSync(join(dir, 'keys'));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(dir, 'keys', '2026-01.pem'), rsa.publicKey.export({ format: 'pem', type: 'spki' }));
    const config = readAuthConfig({ AUTH_ISSUERS: 'https://idp.a=TH-IMM', AUTH_AUDIENCE: 'aud', AUTH_PUBLIC_KEYS_DIR: join(dir, 'keys') });
    expect(config.keys).toEqual([expect.objectContaining({ kid: '2026-01', issuer: 'https://idp.a', algorithms: expect.arrayContaining(['RS256', 'PS256']) })]);
  });

  it.each([
    [{}, /AUTH_ISSUERS is required/],
    [{ AUTH_ISSUERS: 'https://idp.a' }, /must look like/],
    [{ AUTH_ISSUERS: 'https://idp.a=immigration' }, /must look like/],
    [{ AUTH_ISSUERS: 'https://idp.a=TH-IMM', AUTH_AUDIENCE: 'aud' }, /needs keys/],
    [{ AUTH_ISSUERS: 'https://idp.a=TH-IMM', AUTH_JWKS_FILE: 'JWKS' }, /AUTH_AUDIENCE is required/],
    [{ AUTH_ISSUERS: 'https://idp.a=TH-IMM,https://idp.b=TH-DDC', AUTH_AUDIENCE: 'aud', AUTH_JWKS_FILE: 'JWKS' }, /needs an iss member/],
    [{ AUTH_ISSUERS: 'https://idp.a=TH-IMM', AUTH_AUDIENCE: 'aud', AUTH_JWKS_FILE: 'PRIVATE' }, /private key/],
    [{ AUTH_ISSUERS: 'https://idp.a=TH-IMM', AUTH_AUDIENCE: 'aud', AUTH_JWKS_FILE: 'JWKS', AUTH_CLOCK_SKEW_SECONDS: '3600' }, /AUTH_CLOCK_SKEW_SECONDS/],
    [{ AUTH_ISSUERS: 'https://idp.a=TH-IMM', AUTH_AUDIENCE: 'aud', AUTH_PUBLIC_KEYS_DIR: '/nonexistent' }, /not readable/],
  ])('refuses a bad setting with a message naming it (%#)', (env, message) => {
    const jwks = file('jwks.json', { keys: [jwk()] });
    const priv = file('private.json', { keys: [{ ...generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }), kid: 'p' }] });
    const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === 'JWKS' ? jwks : v === 'PRIVATE' ? priv : v]));
    expect(() => readAuthConfig(resolved)).toThrow(SecurityConfigError);
    expect(() => readAuthConfig(resolved)).toThrow(message);
  });
});
