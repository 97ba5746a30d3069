import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '@border-ledger/platform';
import { MIN_HASH_KEY_BYTES } from '../keyed-hash/traveller-hasher';

/** Where the vault lives and the node's secret for traveller references. */
export interface IdentityConfig {
  /** SQLite file of the key vault: its own file, never the event log's. */
  readonly vaultPath: string;
  /** Secret key of the keyed hash (≥ 32 bytes). */
  readonly hashKey: Buffer;
  /** Where the key came from: the environment, or a key file in the data folder (edge demo). */
  readonly hashKeySource: 'env' | 'file';
}

export interface IdentityConfigOptions {
  /** The node's data folder (`DATA_DIR`). */
  readonly dataDir: string;
  /**
   * Edge demo: without `IDENTITY_HASH_KEY`, use the key stored in `<dataDir>/identity-hash.key`,
   * generating it on first start. Off for services, which must be given a key.
   */
  readonly generateKeyIfMissing: boolean;
}

/** Name of the generated key file in the data folder. */
export const HASH_KEY_FILE = 'identity-hash.key';

/** Decodes `IDENTITY_HASH_KEY`: base64 of at least 32 bytes. */
export function parseIdentityHashKey(value: string): Buffer {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) {
    throw new ConfigError('IDENTITY_HASH_KEY must be base64');
  }
  const key = Buffer.from(trimmed, 'base64');
  if (key.length < MIN_HASH_KEY_BYTES) {
    throw new ConfigError(`IDENTITY_HASH_KEY must decode to at least ${MIN_HASH_KEY_BYTES} bytes, got ${key.length}`);
  }
  return key;
}

/**
 * Reads `IDENTITY_HASH_KEY` and `IDENTITY_VAULT_PATH` (default `<dataDir>/identity-vault.sqlite`).
 * Changing the hash key breaks the linking of repeat crossings: keep it with the node's backups,
 * apart from the event log.
 */
export function readIdentityConfig(env: NodeJS.ProcessEnv, options: IdentityConfigOptions): IdentityConfig {
  const vaultPath = resolve(env['IDENTITY_VAULT_PATH'] ?? join(options.dataDir, 'identity-vault.sqlite'));
  const fromEnv = env['IDENTITY_HASH_KEY'];
  if (fromEnv !== undefined && fromEnv !== '') return { vaultPath, hashKey: parseIdentityHashKey(fromEnv), hashKeySource: 'env' };
  if (!options.generateKeyIfMissing) {
    throw new ConfigError('IDENTITY_HASH_KEY is required: base64 of at least 32 random bytes (openssl rand -base64 32)');
  }
  const file = join(resolve(options.dataDir), HASH_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // 'wx': never overwrite a key another process wrote meanwhile; losing it would unlink every traveller.
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    chmodSync(file, 0o600);
  }
  return { vaultPath, hashKey: parseIdentityHashKey(readFileSync(file, 'utf8')), hashKeySource: 'file' };
}
