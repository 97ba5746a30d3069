import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AuthConfigDefaults } from '../token/auth-config';

/** Name of the edge node's token-signing key in its data folder. */
export const EDGE_SIGNING_KEY_FILE = 'token-signing.key';

/** The edge node's own identity provider: a key in its data folder, no outside service. */
export interface EdgeIssuer {
  readonly issuer: string;
  /** The `aud` of its tokens, unless `AUTH_AUDIENCE` says otherwise. */
  readonly audience: string;
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** What `readAuthConfig` needs to trust it. */
  readonly defaults: Required<AuthConfigDefaults>;
}

/**
 * The edge node's issuer for `agency`: an Ed25519 key generated once into
 * `<dataDir>/token-signing.key` (mode 0600) and reused. It may issue tokens for any agency of the
 * node's country. The node and `npm run token` both call this, whichever runs first creates the key.
 */
export function edgeIssuer(dataDir: string, agency: string, env: NodeJS.ProcessEnv = {}): EdgeIssuer {
  const privateKey = loadOrCreateKey(join(resolve(dataDir), EDGE_SIGNING_KEY_FILE));
  const publicKey = createPublicKey(privateKey);
  const kid = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url').slice(0, 16);
  const issuer = `urn:border-ledger:edge-issuer:${agency}`;
  const audience = env['AUTH_AUDIENCE'] ?? `urn:border-ledger:edge:${agency}`;
  return {
    issuer,
    audience,
    kid,
    privateKey,
    publicKey,
    defaults: {
      audience,
      localIssuer: { trust: { issuer, agencies: [`${agency.slice(0, 2)}-*`] }, key: { kid, issuer, key: publicKey, algorithms: ['EdDSA'] } },
    },
  };
}

function loadOrCreateKey(file: string): KeyObject {
  if (!existsSync(file)) {
    mkdirSync(resolve(file, '..'), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    // 'wx': never replace a key another process wrote meanwhile (tokens it issued would stop working).
    try {
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    chmodSync(file, 0o600);
  }
  return createPrivateKey(readFileSync(file, 'utf8'));
}
