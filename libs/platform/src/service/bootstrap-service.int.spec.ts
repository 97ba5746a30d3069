import { Global, Module, type INestApplication } from '@nestjs/common';
import { generateKeyPairSync } from 'node:crypto';
import { readRateLimitConfig, SecurityModule, signToken, type AuditLog } from '@border-ledger/security';
import { PlatformModule } from '../platform.module';
import { bootstrapService } from './bootstrap-service';

const AUDIT = Symbol('AUDIT');
const appended: unknown[] = [];
const log: AuditLog = {
  append: async (_stream, events) => void appended.push(...events),
  readStream: async () => [],
  verify: async () => ({ ok: true, checked: 0 }),
};

@Global()
@Module({ providers: [{ provide: AUDIT, useValue: log }], exports: [AUDIT] })
class AuditLogModule {}

describe('bootstrapService', () => {
  const key = generateKeyPairSync('ed25519');
  const issuer = 'https://idp.test';
  let app: INestApplication | undefined;
  afterEach(() => app?.close());

  it('refuses to serve an app that does not import SecurityModule', async () => {
    @Module({ imports: [PlatformModule.forRoot({ serviceName: 'naked' })] })
    class Naked {}
    await expect(bootstrapService(Naked, { serviceName: 'naked', host: '127.0.0.1', port: 0 })).rejects.toThrow(
      'naked does not import SecurityModule.forRoot(...)',
    );
  });

  it('serves probes and metrics to anyone, the API document behind a token', async () => {
    @Module({
      imports: [
        PlatformModule.forRoot({ serviceName: 'secured' }),
        AuditLogModule,
        SecurityModule.forRoot({
          auth: { audience: 'urn:test', issuers: [{ issuer, agencies: ['TH-*'] }], keys: [{ kid: 'k', issuer, key: key.publicKey, algorithms: ['EdDSA'] }], clockSkewSeconds: 5, maxTokenAgeSeconds: 3600 },
          rateLimit: readRateLimitConfig({}),
          node: { agency: 'TH-IMM', country: 'TH' },
          auditLog: AUDIT,
        }),
      ],
    })
    class Secured {}
    app = await bootstrapService(Secured, { serviceName: 'secured', host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const token = await signToken({ sub: 'a-1', agency: 'TH-IMM', country: 'TH', roles: ['auditor'] }, { privateKey: key.privateKey, kid: 'k', issuer, audience: 'urn:test', ttlSeconds: 60 });
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect(await (await fetch(`${base}/health/ready`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    const anonymous = await fetch(`${base}/openapi.json`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ statusCode: 401, reason: 'token-missing', correlationId: expect.any(String) });
    expect((await fetch(`${base}/docs`)).status).toBe(401);
    expect((await fetch(`${base}/docs/swagger-ui-init.js`)).status).toBe(401);
    for (const path of ['/docs-json', '/docs-yaml', '/openapi.yaml']) expect({ path, status: (await fetch(`${base}${path}`)).status }).toEqual({ path, status: 404 });
    const document = await fetch(`${base}/openapi.json`, { headers: { authorization: `Bearer ${token}` } });
    expect(document.status).toBe(200);
    expect(await document.json()).toMatchObject({ components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } });
    expect(appended).toHaveLength(3);
  });
});
