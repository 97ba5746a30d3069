import { AGENCY_CODE } from '../principal/principal';
import { loadJwksFile, loadPemDir, SecurityConfigError, type TrustedKey } from './trusted-keys';

/** An identity provider this node trusts, and the agencies it may issue tokens for. */
export interface TrustedIssuer {
  readonly issuer: string;
  /** Exact agency codes (`TH-IMM`) or every agency of a country (`TH-*`). */
  readonly agencies: readonly string[];
}

/** How bearer tokens are verified. */
export interface AuthConfig {
  /** The `aud` every token must carry: this node (or this service of it). */
  readonly audience: string;
  readonly issuers: readonly TrustedIssuer[];
  readonly keys: readonly TrustedKey[];
  /** Leeway for `exp`, `nbf` and `iat`, in seconds. */
  readonly clockSkewSeconds: number;
  /** Tokens issued longer ago than this are refused, whatever their `exp`. */
  readonly maxTokenAgeSeconds: number;
}

/** What a composition adds to the environment: the edge node's own issuer, a default audience. */
export interface AuthConfigDefaults {
  readonly localIssuer?: { readonly trust: TrustedIssuer; readonly key: TrustedKey };
  readonly audience?: string;
}

const AGENCY_PATTERN = new RegExp(`^(?:${AGENCY_CODE.source.slice(1, -1)}|[A-Z]{2}-\\*)$`);

/**
 * Reads `AUTH_ISSUERS` (`<issuer>=<AGENCY>|<AGENCY>,…`), `AUTH_AUDIENCE`, `AUTH_JWKS_FILE` and/or
 * `AUTH_PUBLIC_KEYS_DIR`, `AUTH_CLOCK_SKEW_SECONDS` (default 30) and `AUTH_MAX_TOKEN_AGE_SECONDS`
 * (default 86400). Without a local issuer, issuers, an audience and keys are required.
 * @throws {@link SecurityConfigError} naming the setting.
 */
export function readAuthConfig(env: NodeJS.ProcessEnv, defaults: AuthConfigDefaults = {}): AuthConfig {
  const issuers = parseIssuers(env['AUTH_ISSUERS'] ?? '');
  const local = defaults.localIssuer;
  if (local && issuers.some((i) => i.issuer === local.trust.issuer)) throw new SecurityConfigError('AUTH_ISSUERS repeats the edge issuer');
  const names = issuers.map((i) => i.issuer);
  const keys: TrustedKey[] = [];
  if (env['AUTH_JWKS_FILE']) keys.push(...loadJwksFile(env['AUTH_JWKS_FILE'], names));
  if (env['AUTH_PUBLIC_KEYS_DIR']) keys.push(...loadPemDir(env['AUTH_PUBLIC_KEYS_DIR'], names));
  if (issuers.length > 0 && keys.length === 0) throw new SecurityConfigError('AUTH_ISSUERS needs keys: set AUTH_JWKS_FILE or AUTH_PUBLIC_KEYS_DIR');
  if (issuers.length === 0 && !local) throw new SecurityConfigError('AUTH_ISSUERS is required: the identity providers whose tokens this service accepts');
  for (const issuer of issuers) {
    if (!keys.some((k) => k.issuer === issuer.issuer)) throw new SecurityConfigError(`AUTH_ISSUERS: no key is trusted for ${issuer.issuer}`);
  }
  const kids = [...keys, ...(local ? [local.key] : [])].map((k) => `${k.issuer} ${k.kid}`);
  if (new Set(kids).size !== kids.length) throw new SecurityConfigError('Two trusted keys of one issuer share a kid');
  const audience = env['AUTH_AUDIENCE'] ?? defaults.audience;
  if (!audience || !/^[^\s,]{1,256}$/.test(audience)) throw new SecurityConfigError('AUTH_AUDIENCE is required: the aud this service accepts, e.g. urn:border-ledger:TH-IMM');
  return {
    audience,
    issuers: local ? [local.trust, ...issuers] : issuers,
    keys: local ? [local.key, ...keys] : keys,
    clockSkewSeconds: integerSetting(env, 'AUTH_CLOCK_SKEW_SECONDS', 30, 0, 300),
    maxTokenAgeSeconds: integerSetting(env, 'AUTH_MAX_TOKEN_AGE_SECONDS', 86_400, 60, 7 * 86_400),
  };
}

function parseIssuers(value: string): TrustedIssuer[] {
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  const issuers = entries.map((entry) => {
    const at = entry.lastIndexOf('=');
    const issuer = at > 0 ? entry.slice(0, at) : '';
    const agencies = at > 0 ? entry.slice(at + 1).split('|').map((a) => a.trim()) : [];
    if (!/^[^\s=|]{1,512}$/.test(issuer) || agencies.length === 0 || !agencies.every((a) => AGENCY_PATTERN.test(a))) {
      throw new SecurityConfigError(`AUTH_ISSUERS entry ${entry} must look like https://idp.example=TH-IMM|TH-DDC (or TH-* for every agency of TH)`);
    }
    return { issuer, agencies };
  });
  if (new Set(issuers.map((i) => i.issuer)).size !== issuers.length) throw new SecurityConfigError('AUTH_ISSUERS names an issuer twice');
  return issuers;
}

/** An integer setting within bounds, or its default. */
export function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new SecurityConfigError(`${name} must be an integer from ${min} to ${max}`);
  return value;
}
