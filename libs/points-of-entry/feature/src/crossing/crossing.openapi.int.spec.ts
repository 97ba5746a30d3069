import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { startTestApp, type TestApp } from '@border-ledger/testing';
import { pointsOfEntryTestModule } from './crossing.test-module';

type Schema = { properties?: Record<string, { example?: unknown; $ref?: string; enum?: unknown[] }>; required?: string[] };

describe('OpenAPI of points of entry, crossings and travellers', () => {
  let dir: string;
  let api: TestApp;
  let doc: OpenAPIObject;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-poe-openapi-'));
    api = await startTestApp(pointsOfEntryTestModule({ dir }));
    doc = SwaggerModule.createDocument(api.app, new DocumentBuilder().setTitle('points of entry').build());
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('documents every endpoint, with the idempotency and revision headers of the commands', () => {
    const operations = {
      '/points-of-entry': ['get', 'post'],
      '/points-of-entry/{code}': ['get'],
      '/points-of-entry/{code}/hours': ['post'],
      '/crossings': ['post'],
      '/crossings/{crossingId}': ['get'],
      '/crossings/{crossingId}/void': ['post'],
      '/travellers/{travellerRef}': ['get'],
      '/travellers/{travellerRef}/erasure': ['post'],
    };
    for (const [path, methods] of Object.entries(operations)) {
      expect(Object.keys(doc.paths[path] ?? {}).sort()).toEqual(expect.arrayContaining(methods));
    }
    const headers = (path: string): string[] =>
      ((doc.paths[path].post?.parameters ?? []) as Array<{ in: string; name: string }>).filter((p) => p.in === 'header').map((p) => p.name);
    expect(headers('/points-of-entry/{code}/hours')).toEqual(expect.arrayContaining(['Idempotency-Key', 'If-Match']));
    expect(headers('/travellers/{travellerRef}/erasure')).toEqual(expect.arrayContaining(['Idempotency-Key', 'If-Match']));
    expect(headers('/crossings')).toContain('Idempotency-Key');
    expect(Object.keys(doc.paths['/crossings'].post?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '422']));
  });

  it('gives the request bodies their fields with examples', () => {
    const schemas = doc.components?.schemas as Record<string, Schema>;
    const crossing = schemas['RecordCrossingDto'].properties!;
    expect(crossing['pointOfEntry'].example).toBe('TH-ARANYAPRATHET');
    expect(crossing['dateOfBirth'].example).toBe('1990-04-01');
    expect(schemas['TravellerDocumentDto'].properties!['documentNumber'].example).toBe('N1234567');
    expect(schemas['BorderPassDto'].properties!['validDays'].example).toBe(7);
    expect(schemas['RegisterPointOfEntryDto'].required).toEqual(expect.arrayContaining(['code', 'name', 'country', 'kind', 'pairedWith', 'hours']));
    expect(schemas['DayHoursDto'].properties!['opens'].example).toBe('06:00');
    expect(schemas['EraseTravellerIdentityDto'].properties!['reason'].enum).toContain('data-subject-request');
  });
});
