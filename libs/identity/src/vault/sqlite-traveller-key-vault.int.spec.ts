import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, seal, SealTamperedError } from '../sealing/seal';
import { SqliteTravellerKeyVault } from './sqlite-traveller-key-vault';

const ref = 'b'.repeat(64);
const other = 'c'.repeat(64);

describe('SQLite traveller key vault (crypto-shredding)', () => {
  let dir: string;
  let path: string;
  let vault: SqliteTravellerKeyVault;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-vault-'));
    path = join(dir, 'vault.sqlite');
    vault = new SqliteTravellerKeyVault(path);
  });
  afterEach(async () => {
    await vault.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rawFiles = (): Buffer =>
    Buffer.concat([path, `${path}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));

  it('hands out one key per traveller, the same one again, and keeps it across a reopen', async () => {
    const key = await vault.keyFor(ref);
    expect(key.key).toHaveLength(32);
    expect((await vault.keyFor(ref)).keyId).toBe(key.keyId);
    expect((await vault.keyFor(other)).keyId).not.toBe(key.keyId);
    await vault.close();
    vault = new SqliteTravellerKeyVault(path);
    const again = await vault.find(key.keyId);
    expect(again.status === 'active' && again.key.key.equals(key.key)).toBe(true);
    expect(await vault.find('no-such-key')).toEqual({ status: 'unknown' });
  });

  it('destroys a key for good: unreadable ciphertext, no key bytes left in the file, others untouched', async () => {
    const key = await vault.keyFor(ref);
    const kept = await vault.keyFor(other);
    const sealed = seal(key, { documentNumber: 'N1234567' }, 'crossing-1');
    expect(rawFiles().includes(key.key)).toBe(true);

    expect(await vault.destroy(ref, await vault.activeKeyIds(ref))).toEqual([key.keyId]);
    expect(await vault.find(key.keyId)).toMatchObject({ status: 'destroyed' });
    expect(await vault.activeKeyIds(ref)).toEqual([]);
    expect(rawFiles().includes(key.key)).toBe(false);
    expect(rawFiles().includes(kept.key)).toBe(true);
    // Without the key the ciphertext is noise: no other key opens it.
    const fresh = await vault.keyFor(ref);
    expect(fresh.keyId).not.toBe(key.keyId);
    expect(() => open(fresh, { ...sealed, keyId: fresh.keyId }, 'crossing-1')).toThrow(SealTamperedError);
  });

  it('destroys idempotently, and only the keys of the traveller named', async () => {
    const key = await vault.keyFor(ref);
    expect(await vault.destroy(other, [key.keyId])).toEqual([]);
    expect((await vault.find(key.keyId)).status).toBe('active');
    expect(await vault.destroy(ref, [key.keyId])).toEqual([key.keyId]);
    expect(await vault.destroy(ref, [key.keyId])).toEqual([]);
  });
});
