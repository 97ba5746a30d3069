import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Get, INestApplication, Injectable, Module, OnModuleInit, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Type } from 'class-transformer';
import { IsArray, IsString, Length, ValidateNested } from 'class-validator';
import { currentCorrelation } from './correlation/correlation.context';
import { HealthRegistry } from './health/health.registry';
import { configureHttpApp } from './http/configure-http-app';
import { MetricsService } from './metrics/metrics.service';
import { PlatformModule } from './platform.module';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

class LegDto {
  @IsString()
  @Length(3, 3)
  border!: string;
}

class RegisterCrossingDto {
  @IsString()
  travellerId!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LegDto)
  legs!: LegDto[];
}

@Controller('crossings')
class CrossingsController {
  constructor(private readonly metrics: MetricsService) {}

  @Post()
  register(@Body() dto: RegisterCrossingDto): { legs: number; transformed: boolean } {
    this.metrics.recordCommand('RegisterCrossing', 'accepted');
    return { legs: dto.legs.length, transformed: dto instanceof RegisterCrossingDto && dto.legs[0] instanceof LegDto };
  }

  @Get(':id')
  get(@Param('id') id: string): { id: string; correlationId: string | undefined } {
    return { id, correlationId: currentCorrelation()?.correlationId };
  }

  @Post(':id/events')
  append(): never {
    throw Object.assign(new Error('crossing-7 is at revision 5, not 3'), {
      code: 'WRONG_EXPECTED_REVISION',
      streamId: 'crossing-7',
      expectedRevision: 3,
      currentRevision: 5,
    });
  }

  @Post(':id/explode')
  explode(): never {
    throw new Error('connection string postgres://admin:hunter2@db leaked');
  }
}

type DependencyState = 'up' | 'down' | 'hung';
const state: Record<'store' | 'broker', DependencyState> = { store: 'up', broker: 'up' };

function checkFor(name: keyof typeof state): () => Promise<void> {
  return async () => {
    if (state[name] === 'down') throw new Error(`${name} unreachable`);
    if (state[name] === 'hung') await new Promise<void>(() => undefined);
  };
}

// Two feature modules that use the platform without importing it, as in the edge composition.
@Injectable()
class StoreHealth implements OnModuleInit {
  constructor(private readonly health: HealthRegistry) {}
  onModuleInit(): void {
    this.health.register('event-store', checkFor('store'));
  }
}

@Injectable()
class BrokerHealth implements OnModuleInit {
  constructor(private readonly health: HealthRegistry) {}
  onModuleInit(): void {
    this.health.register('kafka', checkFor('broker'));
  }
}

@Module({ controllers: [CrossingsController], providers: [StoreHealth] })
class CrossingsFeatureModule {}

@Module({ providers: [BrokerHealth] })
class RelayFeatureModule {}

@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'test-edge', readinessTimeoutMs: 200, shutdownDrainMs: 400 }),
    CrossingsFeatureModule,
    RelayFeatureModule,
  ],
})
class TestAppModule {}

describe('platform (HTTP integration)', () => {
  let app: INestApplication;
  let base: string;
  let closed = false;
  const stdout: string[] = [];
  let writeSpy: jest.SpyInstance;

  const logLines = (): Record<string, unknown>[] =>
    stdout
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  const postJson = (path: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  beforeAll(async () => {
    writeSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
    app = configureHttpApp(await NestFactory.create(TestAppModule, { bufferLogs: true }));
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    if (!closed) await app.close();
    writeSpy.mockRestore();
  });

  beforeEach(() => {
    state.store = 'up';
    state.broker = 'up';
  });

  it('accepts a valid body, transformed into DTO instances', async () => {
    const res = await postJson('/crossings', JSON.stringify({ travellerId: 't-1', legs: [{ border: 'LAO' }] }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ legs: 1, transformed: true });
  });

  it('answers 400 with field-level errors for an invalid body', async () => {
    const res = await postJson(
      '/crossings',
      JSON.stringify({ travellerId: 7, legs: [{ border: 'VNM' }, { border: 'THAILAND', extra: 1 }], admin: true }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string; messages: string[] }[] } & Record<string, unknown>;
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: 'Validation failed' });
    expect(body['correlationId']).toBe(res.headers.get('x-correlation-id'));
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'travellerId', messages: ['travellerId must be a string'] },
        { field: 'legs[1].border', messages: ['border must be shorter than or equal to 3 characters'] },
        { field: 'legs[1].extra', messages: ['property extra should not exist'] },
        { field: 'admin', messages: ['property admin should not exist'] },
      ]),
    );
    expect(body.errors).toHaveLength(4);
  });

  it('answers 400 "Malformed JSON body" for unparseable JSON, still correlated', async () => {
    const res = await postJson('/crossings', '{"travellerId": "t-1",', { 'x-correlation-id': 'bad-json-1' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-correlation-id')).toBe('bad-json-1');
    expect(await res.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Malformed JSON body',
      correlationId: 'bad-json-1',
    });
  });

  it('answers 413 for a body over the 64 kB default limit', async () => {
    const res = await postJson('/crossings', JSON.stringify({ travellerId: 'x'.repeat(70 * 1024), legs: [] }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ statusCode: 413, correlationId: expect.stringMatching(UUID) });
  });

  it('maps WRONG_EXPECTED_REVISION to 409 with the revisions', async () => {
    const res = await postJson('/crossings/crossing-7/events', '{}');
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'WRONG_EXPECTED_REVISION',
      message: 'crossing-7 is at revision 5, not 3',
      streamId: 'crossing-7',
      expectedRevision: 3,
      currentRevision: 5,
      correlationId: res.headers.get('x-correlation-id'),
    });
  });

  it('hides unexpected errors behind a generic 500 but logs them with the correlation id, never the body', async () => {
    const res = await postJson('/crossings/c-1/explode', JSON.stringify({ passport: 'PASSPORT-MARKER-991' }), {
      'x-correlation-id': 'trace-500',
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
      correlationId: 'trace-500',
    });

    const line = logLines().find((l) => l['correlationId'] === 'trace-500' && l['level'] === 'error');
    expect(line).toMatchObject({
      service: 'test-edge',
      context: 'PlatformExceptionFilter',
      route: '/crossings/:id/explode',
      // The message is kept for diagnosis, with the password in it scrubbed.
      err: { message: 'connection string postgres://admin:[redacted]@db leaked' },
    });
    expect((line!['err'] as { stack: string }).stack).toContain('platform.int.spec');
    expect(new Date(line!['time'] as string).toISOString()).toBe(line!['time']);
    expect(stdout.join('')).not.toContain('PASSPORT-MARKER-991');
    expect(stdout.join('')).not.toContain('hunter2');
  });

  it('echoes a sane x-correlation-id and generates one otherwise, visible to handlers', async () => {
    const echoed = await fetch(`${base}/crossings/abc`, { headers: { 'x-correlation-id': 'client.id:42' } });
    expect(echoed.headers.get('x-correlation-id')).toBe('client.id:42');
    expect(await echoed.json()).toEqual({ id: 'abc', correlationId: 'client.id:42' });

    const variants: Record<string, string>[] = [{}, { 'x-correlation-id': 'not sane!' }, { 'x-correlation-id': 'x'.repeat(65) }];
    for (const headers of variants) {
      const res = await fetch(`${base}/crossings/abc`, { headers });
      const generated = res.headers.get('x-correlation-id');
      expect(generated).toMatch(UUID);
      expect(((await res.json()) as { correlationId: string }).correlationId).toBe(generated);
    }
  });

  it('answers unknown routes with a correlated 404', async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ statusCode: 404, correlationId: res.headers.get('x-correlation-id') });
  });

  it('serves Prometheus metrics labelled by route pattern, with the default metrics', async () => {
    await fetch(`${base}/crossings/TRAVELLER-SECRET-ID`);
    await postJson('/crossings', JSON.stringify({ travellerId: 'TRAVELLER-SECRET-ID', legs: [{ border: 'KHM' }] }));
    await postJson('/crossings', '{');
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    // Express canonicalises the parameter order of prom-client's `text/plain; version=0.0.4; charset=utf-8`.
    const [mediaType, ...params] = (res.headers.get('content-type') ?? '').split(';').map((part) => part.trim());
    expect(mediaType).toBe('text/plain');
    expect(params.sort()).toEqual(['charset=utf-8', 'version=0.0.4']);

    const text = await res.text();
    const series = (name: string, labels: string): RegExp =>
      new RegExp(`^${name}\\{${labels.replace(/[/]/g, '\\/')}\\} [1-9]\\d*$`, 'm');
    expect(text).toMatch(series('border_ledger_http_requests_total', 'method="GET",route="/crossings/:id",status="200",service="test-edge"'));
    expect(text).toMatch(series('border_ledger_http_requests_total', 'method="POST",route="/crossings",status="201",service="test-edge"'));
    // A body rejected by the parser never reaches a route.
    expect(text).toMatch(series('border_ledger_http_requests_total', 'method="POST",route="unmatched",status="400",service="test-edge"'));
    expect(text).toMatch(
      series('border_ledger_http_request_duration_seconds_count', 'service="test-edge",method="GET",route="/crossings/:id"'),
    );
    expect(text).toMatch(series('border_ledger_commands_total', 'command="RegisterCrossing",outcome="accepted",service="test-edge"'));
    expect(text).not.toContain('TRAVELLER-SECRET-ID');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('reports liveness and readiness of every registered check', async () => {
    const live = await fetch(`${base}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });

    for (const path of ['/health/ready', '/health']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', checks: { 'event-store': { status: 'up' }, kafka: { status: 'up' } } });
    }
  });

  it('answers 503 when a check fails or hangs past its timeout', async () => {
    state.broker = 'down';
    const failing = await fetch(`${base}/health/ready`);
    expect(failing.status).toBe(503);
    expect(await failing.json()).toEqual({
      status: 'unavailable',
      checks: { 'event-store': { status: 'up' }, kafka: { status: 'down', error: 'broker unreachable' } },
    });

    state.broker = 'up';
    state.store = 'hung';
    const started = Date.now();
    const hung = await fetch(`${base}/health`);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(hung.status).toBe(503);
    expect(await hung.json()).toEqual({
      status: 'unavailable',
      checks: { 'event-store': { status: 'down', error: 'timed out after 200 ms' }, kafka: { status: 'up' } },
    });
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });

  it('turns readiness to 503 while shutting down, before the server closes', async () => {
    const closing = app.close();
    closed = true;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ready = await fetch(`${base}/health/ready`, { headers: { connection: 'close' } });
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', checks: { shutdown: { status: 'down' } } });
    await closing;
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
  });
});
