import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '@border-ledger/platform';

/** A partner agency whose signatures this node accepts. */
export interface TrustedAgency {
  readonly keyId: string;
  readonly agency: string;
  readonly country: string;
  readonly publicKey: KeyObject;
}

/** What the exchange signs with, whom it trusts, and the secrets it shares per agreement. */
export interface ExchangeKeys {
  readonly signing: { readonly keyId: string; readonly privateKey: KeyObject; readonly publicKey: KeyObject };
  /** By key id; this node's own key included (its own feeds are verified like any other). */
  readonly trusted: ReadonlyMap<string, TrustedAgency>;
  /** Per agreement id: the secret both parties re-key references with (≥ 32 bytes). */
  readonly agreementSecrets: ReadonlyMap<string, Buffer>;
}

/** Key id of an Ed25519 public key: the first 16 hex digits of SHA-256 over its SPKI DER. */
export function exchangeKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

interface TrustListFile {
  readonly partners: readonly { readonly agency: string; readonly country: string; readonly publicKeyPem: string }[];
}

/**
 * Reads the exchange's keys:
 * - `EXCHANGE_SIGNING_KEY_FILE`: this agency's Ed25519 private key (PKCS#8 PEM); default
 *   `<dataDir>/exchange-signing.pem`, generated on first start when `generateIfMissing` (edge node);
 * - `EXCHANGE_TRUST_LIST_FILE`: JSON `{"partners":[{"agency","country","publicKeyPem"}]}`;
 * - `EXCHANGE_AGREEMENT_SECRETS_FILE`: JSON `{"<agreementId>":"<base64, ≥ 32 bytes>"}`, exchanged
 *   with the partner out of band, like the trust list.
 */
export function readExchangeKeys(
  env: NodeJS.ProcessEnv,
  options: { readonly dataDir: string; readonly agency: string; readonly country: string; readonly generateIfMissing: boolean },
): ExchangeKeys {
  const signingFile = resolve(env['EXCHANGE_SIGNING_KEY_FILE'] || join(options.dataDir, 'exchange-signing.pem'));
  if (!existsSync(signingFile)) {
    if (!options.generateIfMissing) throw new ConfigError(`EXCHANGE_SIGNING_KEY_FILE ${signingFile} does not exist`);
    mkdirSync(dirname(signingFile), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(signingFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    chmodSync(signingFile, 0o600);
  }
  const privateKey = parse(() => createPrivateKey(readFileSync(signingFile, 'utf8')), `EXCHANGE_SIGNING_KEY_FILE ${signingFile}`);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${signingFile} is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  const keyId = exchangeKeyId(publicKey);
  const trusted = new Map<string, TrustedAgency>([[keyId, { keyId, agency: options.agency, country: options.country, publicKey }]]);
  for (const partner of readJson<TrustListFile>(env['EXCHANGE_TRUST_LIST_FILE'], 'EXCHANGE_TRUST_LIST_FILE')?.partners ?? []) {
    const key = parse(() => createPublicKey(partner.publicKeyPem), `trust list entry of ${partner.agency}`);
    if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`Trust list key of ${partner.agency} is not Ed25519`);
    if (!/^[A-Z]{2}$/.test(partner.country) || !partner.agency) throw new ConfigError(`Trust list entry ${partner.agency} needs an agency and a country`);
    const id = exchangeKeyId(key);
    trusted.set(id, { keyId: id, agency: partner.agency, country: partner.country, publicKey: key });
  }
  const agreementSecrets = new Map<string, Buffer>();
  const secrets = readJson<Record<string, string>>(env['EXCHANGE_AGREEMENT_SECRETS_FILE'], 'EXCHANGE_AGREEMENT_SECRETS_FILE') ?? {};
  for (const [agreementId, value] of Object.entries(secrets)) {
    const secret = Buffer.from(value, 'base64');
    if (secret.length < 32) throw new ConfigError(`The secret of agreement ${agreementId} must be at least 32 bytes (base64)`);
    agreementSecrets.set(agreementId, secret);
  }
  return { signing: { keyId, privateKey, publicKey }, trusted, agreementSecrets };
}

function readJson<T>(file: string | undefined, name: string): T | undefined {
  if (!file) return undefined;
  return parse(() => JSON.parse(readFileSync(resolve(file), 'utf8')) as T, `${name} ${file}`);
}

function parse<T>(read: () => T, what: string): T {
  try {
    return read();
  } catch (error) {
    throw new ConfigError(`${what} cannot be read: ${(error as Error).message}`);
  }
}
