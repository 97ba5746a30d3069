import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HASH_KEY_FILE, parseIdentityHashKey, readIdentityConfig } from './identity-config';

describe('identity configuration', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bl-idcfg-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes IDENTITY_HASH_KEY as base64 of at least 32 bytes', () => {
    const key = randomBytes(48);
    const config = readIdentityConfig({ IDENTITY_HASH_KEY: key.toString('base64') }, { dataDir: dir, generateKeyIfMissing: false });
    expect(config).toMatchObject({ vaultPath: join(dir, 'identity-vault.sqlite'), hashKeySource: 'env' });
    expect(config.hashKey.equals(key)).toBe(true);
  });

  it('refuses a short, malformed or missing key where one is required', () => {
    expect(() => parseIdentityHashKey(randomBytes(16).toString('base64'))).toThrow(/at least 32 bytes/);
    expect(() => parseIdentityHashKey('not base64!')).toThrow(/base64/);
    expect(() => readIdentityConfig({}, { dataDir: dir, generateKeyIfMissing: false })).toThrow(/IDENTITY_HASH_KEY is required/);
  });

  it('generates the edge demo key once, in the data folder, readable only by its owner', () => {
    const first = readIdentityConfig({}, { dataDir: dir, generateKeyIfMissing: true });
    const second = readIdentityConfig({ IDENTITY_VAULT_PATH: join(dir, 'v.sqlite') }, { dataDir: dir, generateKeyIfMissing: true });
    expect(first.hashKeySource).toBe('file');
    expect(first.hashKey).toHaveLength(32);
    expect(second.hashKey.equals(first.hashKey)).toBe(true);
    expect(second.vaultPath).toBe(join(dir, 'v.sqlite'));
    const file = join(dir, HASH_KEY_FILE);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first.hashKey)).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);
  });
});
