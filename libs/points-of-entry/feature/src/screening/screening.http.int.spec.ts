import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { junkText, policyBody, startScreeningTestApp, type ScreeningTestApp } from './screening.test-app';

const declaration = { symptoms: ['cough'], countriesVisited: [{ country: 'MM', from: '2026-11-01', to: '2026-11-10' }], contactWithCase: false };
const test = { testType: 'pcr', result: 'negative', laboratory: 'TH-LAB-MAESOT' };
const certificate = { doses: 2, product: 'coronavac', doseDates: ['2026-03-01', '2026-04-01'], verified: true };

describe('health screening over HTTP', () => {
  let node: ScreeningTestApp;
  let policyId: string;
  const start = (crossingId = randomUUID(), patch: object = {}) =>
    node.api.request('POST', '/screenings', { crossingId, pointOfEntry: 'TH-MAESOT', ageBand: '25-34', crossedAt: '2026-11-20T08:40:00+07:00', ...patch });
  const step = (crossingId: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    node.api.request('POST', `/screenings/${crossingId}/${path}`, body, headers);

  beforeAll(async () => {
    node = await startScreeningTestApp();
    const published = await node.api.request('POST', '/screening/policies', policyBody(1, '2026-01-01T00:00:00+07:00'));
    policyId = (published.body as { policyId: string }).policyId;
  });
  afterAll(() => node.close());

  it('runs the symptomatic pathway: declaration, fever, test, outcome with the deciding policy', async () => {
    const crossingId = randomUUID();
    const started = await start(crossingId);
    expect(started.status).toBe(201);
    expect(started.headers.get('location')).toBe(`/screenings/${crossingId}`);
    expect((await step(crossingId, 'health-declaration', declaration)).body).toMatchObject({ status: 'declared', revision: 1 });
    const measured = await step(crossingId, 'temperature', { celsius: 38.1 });
    expect(measured.body).toMatchObject({ status: 'symptomatic', pathway: 'symptomatic', revision: 3, policy: { policyId, version: 1 } });
    const early = await step(crossingId, 'outcome', {});
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ rule: 'symptomatic-pathway-requires-test' });
    expect((await step(crossingId, 'tests', test)).status).toBe(200);
    const decided = await step(crossingId, 'outcome', {});
    expect(decided.body).toMatchObject({
      status: 'decided',
      outcome: { category: 'quarantine', days: 10, reasons: ['symptom:cough', 'fever:38.1', 'test-negative:pcr', 'visited:MM'] },
      policy: { policyId, country: 'TH', version: 1 },
    });
    const read = await node.api.request('GET', `/screenings/${crossingId}`);
    expect(read.headers.get('etag')).toBe('"5"');
    expect(read.body).toMatchObject({ pointOfEntry: 'TH-MAESOT', ageBand: '25-34', temperatureCelsius: 38.1, tests: [test], status: 'decided' });
    expect((await node.store.readStream(`screening-${crossingId}`)).map((e) => e.type)).toEqual([
      'points-of-entry.screening-started.v1',
      'points-of-entry.health-declared.v1',
      'points-of-entry.temperature-recorded.v1',
      'points-of-entry.screening-pathway-assigned.v1',
      'points-of-entry.screening-test-recorded.v1',
      'points-of-entry.screening-outcome-decided.v1',
    ]);
  });

  it('runs the asymptomatic pathway: cleared on a verified certificate without a test', async () => {
    const crossingId = randomUUID();
    await start(crossingId);
    await step(crossingId, 'health-declaration', { symptoms: [], countriesVisited: [], contactWithCase: false });
    expect((await step(crossingId, 'temperature', { celsius: 36.6 })).body).toMatchObject({ pathway: 'asymptomatic' });
    await step(crossingId, 'vaccination-certificate', certificate);
    expect((await step(crossingId, 'outcome', {})).body).toMatchObject({ outcome: { category: 'cleared', reasons: ['fully-vaccinated'] } });
  });

  it('refuses steps out of order with the rule name, and steps on an unknown screening', async () => {
    const crossingId = randomUUID();
    await start(crossingId);
    expect((await step(crossingId, 'temperature', { celsius: 36.6 })).body).toMatchObject({ statusCode: 422, rule: 'health-declaration-required' });
    await step(crossingId, 'health-declaration', declaration);
    expect((await step(crossingId, 'tests', test)).body).toMatchObject({ rule: 'temperature-required' });
    expect((await start(crossingId, { ageBand: '0-4' })).body).toMatchObject({ replayed: true });
    expect((await step(randomUUID(), 'health-declaration', declaration)).body).toMatchObject({ rule: 'screening-not-started' });
    expect((await start(randomUUID(), { pointOfEntry: 'KH-POIPET' })).body).toMatchObject({ rule: 'point-of-entry-of-another-country' });
    expect((await start(randomUUID(), { pointOfEntry: 'TH-NOWHERE' })).body).toMatchObject({ rule: 'unknown-point-of-entry' });
  });

  it('stores a retried step once (header or body command id) and answers it the same', async () => {
    const crossingId = randomUUID();
    await start(crossingId);
    await step(crossingId, 'health-declaration', declaration);
    await step(crossingId, 'temperature', { celsius: 38.1 });
    const first = await step(crossingId, 'tests', test, { 'idempotency-key': 'lab-slip-000123' });
    const head = await node.store.headPosition();
    const again = await step(crossingId, 'tests', test, { 'idempotency-key': 'lab-slip-000123' });
    expect(again.body).toEqual({ ...(first.body as object), replayed: true });
    const byBody = await step(crossingId, 'tests', { ...test, commandId: 'lab-slip-000124' });
    const byBodyAgain = await step(crossingId, 'tests', { ...test, commandId: 'lab-slip-000124' });
    expect(byBodyAgain.body).toEqual({ ...(byBody.body as object), replayed: true });
    expect(await node.store.headPosition()).toBe(head + 1);
  });

  it('answers 409 with the current revision to a stale If-Match, never overwriting', async () => {
    const crossingId = randomUUID();
    await start(crossingId);
    expect((await step(crossingId, 'health-declaration', declaration, { 'if-match': '0' })).status).toBe(200);
    const stale = await step(crossingId, 'temperature', { celsius: 36.5 }, { 'if-match': '0' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentRevision: 1 });
    expect((await step(crossingId, 'temperature', { celsius: 36.5 }, { 'if-match': 'W/"1"' })).status).toBe(200);
  });

  it('answers 404 for an unknown screening and 400 for a bad id or header', async () => {
    expect((await node.api.request('GET', `/screenings/${randomUUID()}`)).status).toBe(404);
    expect((await node.api.request('GET', '/screenings/not-a-uuid')).status).toBe(400);
    expect((await step('not-a-uuid', 'outcome', {})).status).toBe(400);
    expect((await step(randomUUID(), 'outcome', {}, { 'if-match': 'latest' })).status).toBe(400);
    expect((await step(randomUUID(), 'outcome', {}, { 'idempotency-key': 'bad key!' })).status).toBe(400);
  });

  it('gets only 4xx for malformed bodies on every command endpoint, and stores nothing (fuzz)', async () => {
    // One screening in a state where each valid step would be accepted.
    const declared = randomUUID();
    await start(declared);
    await step(declared, 'health-declaration', declaration);
    const onPathway = randomUUID();
    await start(onPathway);
    await step(onPathway, 'health-declaration', { ...declaration, symptoms: [] });
    await step(onPathway, 'temperature', { celsius: 36.4 });
    const endpoints: Array<{ path: string; valid: Record<string, unknown> }> = [
      { path: '/screenings', valid: { crossingId: randomUUID(), pointOfEntry: 'TH-MAESOT', ageBand: '25-34', crossedAt: '2026-11-20T08:40:00+07:00' } },
      { path: `/screenings/${randomUUID()}/health-declaration`, valid: declaration },
      { path: `/screenings/${declared}/temperature`, valid: { celsius: 36.5 } },
      { path: `/screenings/${onPathway}/tests`, valid: test },
      { path: `/screenings/${onPathway}/vaccination-certificate`, valid: certificate },
      { path: `/screenings/${onPathway}/outcome`, valid: { commandId: 'decide-0000001' } },
    ];
    const head = await node.store.headPosition();
    // Never a valid value of any field: no booleans, no plausible numbers, no code-like strings.
    const junk = fc.oneof(junkText(), fc.integer({ max: -1 }), fc.double({ min: 45.05, max: 1e6, noNaN: true }), fc.constant(null), fc.array(junkText(), { minLength: 1, maxLength: 2 }), fc.object({ maxDepth: 1 }));
    for (const { path, valid } of endpoints) {
      const field = fc.constantFrom(...Object.keys(valid), 'extra');
      await fc.assert(
        fc.asyncProperty(fc.dictionary(field, junk, { minKeys: 1 }), async (patch) => {
          const response = await node.api.request('POST', path, { ...valid, ...patch });
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
        }),
        { numRuns: 60 },
      );
      for (const raw of ['{', '[]', '"text"', 'null', '{"a":']) {
        expect((await node.api.request('POST', path, raw)).status).toBe(400);
      }
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), async (id) => {
        const read = await node.api.request('GET', `/screenings/${encodeURIComponent(id)}`);
        expect([400, 404]).toContain(read.status);
      }),
      { numRuns: 60 },
    );
    expect(await node.store.headPosition()).toBe(head);
  });

  it('documents every screening endpoint in OpenAPI, with examples and the command headers', () => {
    const document = SwaggerModule.createDocument(node.api.app, new DocumentBuilder().setTitle('screening').build());
    expect(Object.keys(document.paths).filter((p) => p.startsWith('/screening')).sort()).toEqual([
      '/screening/outcomes',
      '/screening/policies',
      '/screening/policies/{country}',
      '/screening/policies/{country}/in-force',
      '/screening/positivity',
      '/screening/what-if',
      '/screenings',
      '/screenings/{crossingId}',
      '/screenings/{crossingId}/health-declaration',
      '/screenings/{crossingId}/outcome',
      '/screenings/{crossingId}/temperature',
      '/screenings/{crossingId}/tests',
      '/screenings/{crossingId}/vaccination-certificate',
    ]);
    const temperature = document.paths['/screenings/{crossingId}/temperature'].post!;
    expect(temperature.parameters?.map((p) => ('name' in p ? p.name : ''))).toEqual(expect.arrayContaining(['Idempotency-Key', 'If-Match']));
    expect(Object.keys(temperature.responses)).toEqual(expect.arrayContaining(['200', '400', '409', '422']));
    const schemas = document.components?.schemas ?? {};
    expect(schemas['TemperatureDto']).toMatchObject({ properties: { celsius: { example: 37.8 } } });
    expect(schemas['VaccinationRulesDto']).toMatchObject({ properties: { fullyVaccinatedQuarantineDays: { example: 0 } } });
    expect(schemas['WhatIfRequestDto']).toMatchObject({ properties: { from: { example: '2026-10-01T00:00:00+07:00' } } });
  });
});
