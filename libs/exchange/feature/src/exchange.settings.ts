import { ConfigError } from '@border-ledger/platform';
import { readExchangeKeys, type ExchangeKeys } from './keys/exchange-keys';
import type { ExchangeTuning } from './runtime/exchange-runtime';

/** What a composition root reads from the environment for the exchange. */
export interface ExchangeSettings extends ExchangeTuning {
  readonly keys: ExchangeKeys;
}

function positive(env: NodeJS.ProcessEnv, name: string, scale: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return value * scale;
}

/**
 * Reads the exchange's keys (see `readExchangeKeys`) and tuning:
 * `EXCHANGE_MATCH_WAIT_MINUTES` (default 360; fractions allowed for tests),
 * `EXCHANGE_CHECKPOINT_EVERY` (leaves, default 32), `EXCHANGE_CHECKPOINT_INTERVAL_SECONDS` (default 5).
 */
export function readExchangeSettings(
  env: NodeJS.ProcessEnv,
  node: { readonly dataDir: string; readonly agency: string; readonly country: string; readonly generateKeyIfMissing: boolean },
): ExchangeSettings {
  const every = positive(env, 'EXCHANGE_CHECKPOINT_EVERY', 1);
  if (every !== undefined && !Number.isInteger(every)) throw new ConfigError('EXCHANGE_CHECKPOINT_EVERY must be a whole number');
  return {
    keys: readExchangeKeys(env, { dataDir: node.dataDir, agency: node.agency, country: node.country, generateIfMissing: node.generateKeyIfMissing }),
    matchWaitMs: positive(env, 'EXCHANGE_MATCH_WAIT_MINUTES', 60_000),
    checkpointEvery: every,
    checkpointIntervalMs: positive(env, 'EXCHANGE_CHECKPOINT_INTERVAL_SECONDS', 1000),
  };
}
