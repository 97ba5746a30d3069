import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAuthConfig, readRateLimitConfig, signToken, type NodeRef, type SecurityModuleOptions, type TokenClaims } from '@border-ledger/security';
import type { InjectionToken } from '@nestjs/common';

/** Claims of a test token: anything omitted defaults to a border officer of TH-IMM at Aranyaprathet. */
export type TestClaims = Partial<TokenClaims>;

/** How to mint a token that should be refused. */
export interface TokenOptions {
  readonly issuedAt?: Date;
  readonly ttlSeconds?: number;
  readonly audience?: string;
  readonly issuer?: string;
  /** Sign with a key nobody trusts, under the trusted kid: a wrong signature. */
  readonly forged?: boolean;
}

/**
 * An identity provider for tests: an Ed25519 key pair, its public key written as a JWKS file
 * where services read it (`env`), and tokens minted on demand.
 */
export interface TestIdentityProvider {
  readonly issuer: string;
  readonly audience: string;
  /** `AUTH_ISSUERS`, `AUTH_AUDIENCE`, `AUTH_JWKS_FILE`: give these to a service process. */
  readonly env: Readonly<Record<string, string>>;
  token(claims?: TestClaims, options?: TokenOptions): Promise<string>;
  /** `{ authorization: 'Bearer …' }`, plus `x-purpose-of-use` when a purpose is given. */
  headers(claims?: TestClaims, purpose?: string): Promise<Record<string, string>>;
  /** Options of `SecurityModule.forRoot` trusting this provider, for in-process apps. */
  securityOptions(node: NodeRef, auditLog: InjectionToken, env?: NodeJS.ProcessEnv): SecurityModuleOptions;
  /** Removes the key files. */
  dispose(): void;
}

const DEFAULT_CLAIMS = { sub: 'officer-test', agency: 'TH-IMM', country: 'TH', roles: ['border-officer'], pointsOfEntry: ['TH-ARANYAPRATHET'] };

export function createTestIdentityProvider(options: { issuer?: string; audience?: string; agencies?: string } = {}): TestIdentityProvider {
  const issuer = options.issuer ?? 'https://idp.test.border-ledger';
  const audience = options.audience ?? 'urn:border-ledger:test';
  const dir = mkdtempSync(join(tmpdir(), 'bl-test-idp-'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const kid = 'test-key-1';
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' }] }));
  const env = { AUTH_ISSUERS: `${issuer}=${options.agencies ?? 'TH-*|KH-*|LA-*|MM-*|VN-*|CN-*'}`, AUTH_AUDIENCE: audience, AUTH_JWKS_FILE: join(dir, 'jwks.json') };
  let rogue: KeyObject | undefined;
  const token = (claims: TestClaims = {}, opts: TokenOptions = {}): Promise<string> => {
    const key = opts.forged ? (rogue ??= generateKeyPairSync('ed25519').privateKey) : privateKey;
    return signToken({ ...DEFAULT_CLAIMS, ...claims } as TokenClaims, {
      privateKey: key, kid, issuer: opts.issuer ?? issuer, audience: opts.audience ?? audience,
      ttlSeconds: opts.ttlSeconds ?? 3600, issuedAt: opts.issuedAt,
    });
  };
  return {
    issuer,
    audience,
    env,
    token,
    headers: async (claims, purpose) => ({ authorization: `Bearer ${await token(claims)}`, ...(purpose ? { 'x-purpose-of-use': purpose } : {}) }),
    securityOptions: (node, auditLog, extra = {}) => ({ auth: readAuthConfig({ ...env, ...extra }), rateLimit: readRateLimitConfig(extra), node, auditLog }),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

let shared: TestIdentityProvider | undefined;

/**
 * One provider per test process, trusted by every service `startService` starts (unless the
 * test passes its own `AUTH_*`): mint tokens for them with `sharedTestIdentityProvider().headers(…)`.
 */
export function sharedTestIdentityProvider(): TestIdentityProvider {
  if (!shared) {
    const provider = createTestIdentityProvider();
    process.once('exit', () => provider.dispose());
    shared = provider;
  }
  return shared;
}
