import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, type KeyLike } from 'jose';
import { readAuthConfig } from './auth-config';
import { signToken, type TokenClaims } from './sign-token';
import { TokenVerifier } from './token-verifier';

const IMM = 'https://idp.immigration.test';
const DDC = 'https://idp.health.test';
const AUDIENCE = 'urn:border-ledger:TH-IMM';
const officer: TokenClaims = { sub: 'officer-42', agency: 'TH-IMM', country: 'TH', roles: ['border-officer'], pointsOfEntry: ['TH-MAESOT'] };

describe('TokenVerifier', () => {
  let dir: string;
  const keys: Record<string, KeyObject> = {};
  let verifier: TokenVerifier;
  const sign = (claims: Partial<TokenClaims> & Record<string, unknown> = {}, options: { key?: string; kid?: string; iss?: string; aud?: string; ttl?: number; issuedAt?: Date } = {}) =>
    signToken({ ...officer, ...claims } as TokenClaims, {
      privateKey: keys[options.key ?? 'imm'], kid: options.kid ?? options.key ?? 'imm', issuer: options.iss ?? IMM,
      audience: options.aud ?? AUDIENCE, ttlSeconds: options.ttl ?? 600, issuedAt: options.issuedAt,
    });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-tokens-'));
    const jwks = [['imm', IMM, 'ed25519'], ['ddc', DDC, 'ec']].map(([kid, iss, type]) => {
      const pair = type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
      keys[kid] = pair.privateKey;
      return { ...pair.publicKey.export({ format: 'jwk' }), kid, iss };
    });
    keys['rogue'] = generateKeyPairSync('ed25519').privateKey;
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: jwks }));
    verifier = new TokenVerifier(readAuthConfig({ AUTH_ISSUERS: `${IMM}=TH-IMM,${DDC}=TH-*`, AUTH_AUDIENCE: AUDIENCE, AUTH_JWKS_FILE: join(dir, 'jwks.json') }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a token of a trusted issuer and reads its principal', async () => {
    const result = await verifier.authenticate(`Bearer ${await sign({ azp: 'poe-tablet' })}`);
    expect(result).toEqual({
      ok: true,
      principal: { subject: 'officer-42', issuer: IMM, agency: 'TH-IMM', country: 'TH', roles: ['border-officer'], pointsOfEntry: ['TH-MAESOT'], centres: [], clientId: 'poe-tablet' },
    });
    const health = await verifier.verify(await sign({ agency: 'TH-DDC', roles: ['port-health-officer', 'pilot'] }, { key: 'ddc', iss: DDC }));
    expect(health).toMatchObject({ ok: true, principal: { agency: 'TH-DDC', roles: ['port-health-officer'] } });
  });

  it.each([
    ['no header', async () => undefined, 'token-missing'],
    ['another scheme', async () => `Basic ${Buffer.from('a:b').toString('base64')}`, 'token-malformed'],
    ['garbage', async () => 'Bearer not.a.jwt', 'token-malformed'],
    ['an expired token', async () => `Bearer ${await sign({}, { issuedAt: new Date(Date.now() - 3_600_000), ttl: 600 })}`, 'token-expired'],
    ['a token from the future', async () => `Bearer ${await sign({}, { issuedAt: new Date(Date.now() + 3_600_000) })}`, 'token-not-yet-valid'],
    ['a token older than the maximum age', async () => `Bearer ${await sign({}, { issuedAt: new Date(Date.now() - 2 * 86_400_000), ttl: 3 * 86_400 })}`, 'token-too-old'],
    ['another audience', async () => `Bearer ${await sign({}, { aud: 'urn:border-ledger:KH-GDI' })}`, 'audience-mismatch'],
    ['an untrusted issuer', async () => `Bearer ${await sign({}, { iss: 'https://evil.test' })}`, 'issuer-untrusted'],
    ['a wrong signature under a trusted kid', async () => `Bearer ${await sign({}, { key: 'rogue', kid: 'imm' })}`, 'signature-invalid'],
    ['an unknown kid', async () => `Bearer ${await sign({}, { key: 'rogue', kid: 'nope' })}`, 'key-unknown'],
    ["one issuer's key signing for another", async () => `Bearer ${await sign({}, { key: 'ddc', kid: 'ddc', iss: IMM })}`, 'key-unknown'],
    ['an agency the issuer may not speak for', async () => `Bearer ${await sign({ agency: 'TH-DDC' })}`, 'claims-invalid'],
    ['a country that is not the agency country', async () => `Bearer ${await sign({ country: 'KH' })}`, 'claims-invalid'],
    ['a point of entry of another country', async () => `Bearer ${await sign({ pointsOfEntry: ['KH-POIPET'] })}`, 'claims-invalid'],
    ['no roles claim', async () => `Bearer ${await sign({ roles: undefined })}`, 'claims-invalid'],
    ['alg none', async () => `Bearer ${unsigned()}`, 'algorithm-not-allowed'],
    ['HS256 keyed with the public key', async () => `Bearer ${await hmac()}`, 'algorithm-not-allowed'],
  ])('refuses %s', async (_what, header, reason) => {
    const result = await verifier.authenticate(await header());
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('reports who an expired or misaddressed token claimed to be, but not an unverified one', async () => {
    const expired = await verifier.verify(await sign({}, { issuedAt: new Date(Date.now() - 3_600_000) }));
    expect(expired).toMatchObject({ ok: false, claimed: { subject: 'officer-42', issuer: IMM, agency: 'TH-IMM' } });
    const forged = await verifier.verify(await sign({}, { key: 'rogue', kid: 'imm' }));
    expect(forged).toMatchObject({ ok: false, claimed: null });
  });

  function unsigned(): string {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    return `${part({ alg: 'none', kid: 'imm' })}.${part({ ...officer, iss: IMM, aud: AUDIENCE, iat: now, exp: now + 60 })}.`;
  }

  async function hmac(): Promise<string> {
    const secret = createPrivateKey(keys['imm'].export({ format: 'pem', type: 'pkcs8' })).export({ format: 'der', type: 'pkcs8' });
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...officer }).setProtectedHeader({ alg: 'HS256', kid: 'imm' }).setIssuer(IMM).setAudience(AUDIENCE)
      .setIssuedAt(now).setExpirationTime(now + 60).sign(new Uint8Array(secret) as unknown as KeyLike);
  }
});
