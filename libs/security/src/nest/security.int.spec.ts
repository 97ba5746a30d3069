import { Controller, Get, Global, Module, Param, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { AuditEnvelope, AuditLog, AuditNewEvent } from '../audit/audit-log.port';
import type { Role } from '../principal/principal';
import { readRateLimitConfig } from '../rate-limit/rate-limiter';
import { signToken } from '../token/sign-token';
import type { AccessContext } from './access-context';
import { Access, CurrentAccess, Public } from './access.decorators';
import { protectApiDocs } from './protect-api-docs';
import { SecurityModule } from './security.module';
import type { SecurityModuleOptions } from './security.options';

/** An audit log in memory: the real one (the node's event store) is exercised by the edge node's access matrix. */
class MemoryAuditLog implements AuditLog {
  readonly events: Array<AuditNewEvent & { streamId: string }> = [];
  async append(streamId: string, events: readonly AuditNewEvent[]): Promise<unknown> {
    this.events.push(...events.map((e) => ({ ...e, streamId })));
    return {};
  }
  async readStream(streamId: string): Promise<AuditEnvelope[]> {
    return this.events.filter((e) => e.streamId === streamId).map((e, i) => ({ ...e, recordedAt: e.occurredAt, position: i + 1, previousHash: '', hash: '' }));
  }
  async verify() {
    return { ok: true, checked: this.events.length };
  }
}
const AUDIT = Symbol('AUDIT');
const REF = 'a'.repeat(64);
const log = new MemoryAuditLog();

/** Like EventStoreModule: global, so SecurityModule finds the log by its token. */
@Global()
@Module({ providers: [{ provide: AUDIT, useValue: log }], exports: [AUDIT] })
class MemoryAuditModule {}

@Controller('probe')
class ProbeController {
  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }

  @Get('who')
  @Public({ identifyCaller: true })
  who(@CurrentAccess() access: AccessContext) {
    return { detail: access.allows('health.detail') };
  }

  @Get('travellers/:ref')
  @Access('traveller.read', { type: 'traveller', idParam: 'ref' })
  traveller(@Param('ref') ref: string) {
    return { ref };
  }

  @Get('flags/:id')
  @Access('flag.read', { type: 'flag', idParam: 'id' })
  async flag(@Param('id') id: string, @CurrentAccess() access: AccessContext) {
    const view = await access.authorize('flag.read', { type: 'flag', id, country: 'TH', pointOfEntry: id === 'mine' ? 'TH-MAESOT' : 'TH-NONGKHAI' });
    return { id, view };
  }

  @Get('forgetful/:id')
  @Access('crossing.read', { type: 'crossing', idParam: 'id' })
  forgetful(@Param('id') id: string) {
    return { id, secret: 'never sent' };
  }
}

@Controller('undeclared')
class UndeclaredController {
  @Get()
  open() {
    return 'should never start';
  }
}

describe('SecurityModule', () => {
  const key = generateKeyPairSync('ed25519');
  const issuer = 'https://idp.test';
  let app: INestApplication;
  let base: string;
  const options = (burst = 1000): SecurityModuleOptions => ({
    auth: {
      audience: 'urn:test', issuers: [{ issuer, agencies: ['TH-*'] }], clockSkewSeconds: 5, maxTokenAgeSeconds: 86_400,
      keys: [{ kid: 'k', issuer, key: key.publicKey, algorithms: ['EdDSA'] }],
    },
    rateLimit: { ...readRateLimitConfig({}), authenticated: { burst, perSecond: 1 } },
    node: { agency: 'TH-IMM', country: 'TH' },
    auditLog: AUDIT,
  });
  const token = (roles: Role[], sub = 'officer-1', azp = 'tablet') =>
    signToken({ sub, agency: 'TH-IMM', country: 'TH', roles, pointsOfEntry: ['TH-MAESOT'], azp }, { privateKey: key.privateKey, kid: 'k', issuer, audience: 'urn:test', ttlSeconds: 600 });
  const start = async (controllers: Array<new () => unknown>, burst?: number): Promise<INestApplication> => {
    @Module({ imports: [MemoryAuditModule, SecurityModule.forRoot(options(burst))], controllers })
    class Root {}
    const created = (await Test.createTestingModule({ imports: [Root] }).compile()).createNestApplication({ logger: false });
    protectApiDocs(created, ['/openapi.json']);
    created.use('/openapi.json', (_req: unknown, res: { json(body: unknown): void }) => res.json({ openapi: '3.0.0' }));
    try {
      await created.listen(0, '127.0.0.1');
    } catch (error) {
      await created.close();
      throw error;
    }
    return created;
  };
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const correlationId = randomUUID();
    const response = await fetch(`${base}${path}`, { headers: { 'x-correlation-id': correlationId, ...headers } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown>, correlationId };
  };
  const recorded = (correlationId: string) => log.events.filter((e) => e.metadata.correlationId === correlationId).map((e) => e.data);
  const bearer = async (roles: Role[], extra: Record<string, string> = {}) => ({ authorization: `Bearer ${await token(roles)}`, ...extra });

  beforeAll(async () => {
    app = await start([ProbeController]);
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  it('lets anyone reach public handlers, identifying a caller who sends a token', async () => {
    expect((await get('/probe/live')).status).toBe(200);
    expect((await get('/probe/who')).body).toEqual({ detail: false });
    expect((await get('/probe/who', { authorization: 'Bearer junk' })).body).toEqual({ detail: false });
    expect((await get('/probe/who', await bearer(['administrator']))).body).toEqual({ detail: true });
  });

  it('answers 401 with a challenge, and records it with what a verified token claimed', async () => {
    const missing = await get(`/probe/travellers/${REF}`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="border-ledger"');
    expect(recorded(missing.correlationId)).toEqual([expect.objectContaining({ outcome: 'refused', status: 401, reason: 'token-missing', action: 'traveller.read', route: '/probe/travellers/:ref' })]);
    const foreign = await signToken({ sub: 'x', agency: 'TH-IMM', country: 'TH', roles: ['administrator'] }, { privateKey: key.privateKey, kid: 'k', issuer, audience: 'urn:other', ttlSeconds: 60 });
    const wrongAudience = await get(`/probe/travellers/${REF}`, { authorization: `Bearer ${foreign}` });
    expect(wrongAudience.headers.get('www-authenticate')).toContain('error_description="audience-mismatch"');
    expect(recorded(wrongAudience.correlationId)).toEqual([expect.objectContaining({ status: 401, reason: 'audience-mismatch', subject: 'x', agency: 'TH-IMM' })]);
  });

  it('refuses a role the table does not grant (403, recorded with the resource id)', async () => {
    const refused = await get(`/probe/travellers/${REF}`, await bearer(['border-officer']));
    expect(refused).toMatchObject({ status: 403, body: { reason: 'no-role' } });
    expect(recorded(refused.correlationId)).toEqual([
      expect.objectContaining({ outcome: 'refused', status: 403, subject: 'officer-1', roles: ['border-officer'], resource: { type: 'traveller', id: REF, country: 'TH', pointOfEntry: null } }),
    ]);
    const typed = await get('/probe/travellers/Somchai Jaidee', await bearer(['border-officer']));
    expect(recorded(typed.correlationId)).toEqual([expect.objectContaining({ resource: expect.objectContaining({ id: '(malformed)' }) })]);
  });

  it('requires a stated purpose for a sensitive read, and records the read with it', async () => {
    const silent = await get(`/probe/travellers/${REF}`, await bearer(['administrator']));
    expect(silent).toMatchObject({ status: 400, body: { errors: [{ field: 'X-Purpose-Of-Use' }] } });
    expect(recorded(silent.correlationId)).toEqual([expect.objectContaining({ status: 400, reason: 'purpose-missing' })]);
    const vague = await get(`/probe/travellers/${REF}`, await bearer(['administrator'], { 'x-purpose-of-use': 'curiosity' }));
    expect(recorded(vague.correlationId)).toEqual([expect.objectContaining({ status: 400, reason: 'purpose-unknown', purpose: null })]);
    const read = await get(`/probe/travellers/${REF}`, await bearer(['administrator'], { 'x-purpose-of-use': 'data-subject-request' }));
    expect(read.status).toBe(200);
    expect(recorded(read.correlationId)).toEqual([expect.objectContaining({ outcome: 'granted', action: 'traveller.read', purpose: 'data-subject-request', view: 'full' })]);
  });

  it('checks records in the handler: own point of entry granted with its view, another refused', async () => {
    const headers = await bearer(['border-officer'], { 'x-purpose-of-use': 'border-control' });
    const mine = await get('/probe/flags/mine', headers);
    expect(mine).toMatchObject({ status: 200, body: { view: 'without-note' } });
    expect(recorded(mine.correlationId)).toEqual([expect.objectContaining({ outcome: 'granted', view: 'without-note', resource: expect.objectContaining({ pointOfEntry: 'TH-MAESOT' }) })]);
    const theirs = await get('/probe/flags/theirs', headers);
    expect(theirs).toMatchObject({ status: 403, body: { reason: 'out-of-scope' } });
    expect(recorded(theirs.correlationId)).toEqual([expect.objectContaining({ outcome: 'refused', status: 403, resource: expect.objectContaining({ id: 'theirs', pointOfEntry: 'TH-NONGKHAI' }) })]);
  });

  it('never answers a record action whose handler skipped the record check', async () => {
    const response = await get('/probe/forgetful/1', await bearer(['border-officer'], { 'x-purpose-of-use': 'border-control' }));
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain('never sent');
  });

  it('puts the API document behind a token of any role', async () => {
    expect((await get('/openapi.json')).status).toBe(401);
    expect((await get('/openapi.json', await bearer(['auditor']))).body).toEqual({ openapi: '3.0.0' });
    const none = await get('/openapi.json', await bearer([]));
    expect(none.status).toBe(403);
    expect(recorded(none.correlationId)).toEqual([expect.objectContaining({ status: 403, action: 'api-docs.read', route: '/openapi.json' })]);
  });

  it('limits each agency and client: 429 with Retry-After, the first refusal recorded', async () => {
    const limited = await start([ProbeController], 2);
    const url = `http://127.0.0.1:${(limited.getHttpServer().address() as { port: number }).port}/probe/flags/mine`;
    const headers = { ...(await bearer(['border-officer'], { 'x-purpose-of-use': 'border-control' })) };
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(randomUUID());
      const response = await fetch(url, { headers: { ...headers, 'x-correlation-id': ids[i] } });
      statuses.push(response.status);
      retryAfter ??= response.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(retryAfter).toBe('1');
    expect(recorded(ids[2])).toEqual([expect.objectContaining({ status: 429, reason: 'rate-limited', agency: 'TH-IMM', clientId: 'tablet' })]);
    expect(recorded(ids[3])).toEqual([]);
    const otherClient = await fetch(url, { headers: { authorization: `Bearer ${await token(['border-officer'], 'officer-1', 'desk')}`, 'x-purpose-of-use': 'border-control' } });
    expect(otherClient.status).toBe(200);
    await limited.close();
  });

  it('refuses to start an app with a handler that declares neither @Access nor @Public', async () => {
    await expect(start([ProbeController, UndeclaredController])).rejects.toThrow('Handlers without @Access or @Public (refused to start): UndeclaredController.open');
  });
});
