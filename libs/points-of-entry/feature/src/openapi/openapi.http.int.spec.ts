import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureHttpApp, setupOpenApi } from '@border-ledger/platform';
import { CrossingStatisticsModule } from '../crossing-statistics/crossing-statistics.module';
import { FlagModule } from '../flag/flag.module';
import { sqliteTestModule } from '../testing/sqlite-node.test-app';

interface Operation {
  parameters?: Array<{ name: string; in: string; example?: unknown; schema?: { example?: unknown } }>;
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, unknown>;
  tags?: string[];
}
interface Schema {
  required?: string[];
  properties: Record<string, { example?: unknown; enum?: unknown[]; $ref?: string; allOf?: unknown[] }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

describe('OpenAPI of the flags and statistics endpoints', () => {
  let dir: string;
  let app: INestApplication;
  let baseUrl: string;
  let doc: Document;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-openapi-'));
    const root = sqliteTestModule(dir, { serviceName: 'openapi-test', modules: [FlagModule, CrossingStatisticsModule] });
    const moduleRef = await Test.createTestingModule({ imports: [root] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app);
    const setup = setupOpenApi(app, { title: 'Points of entry', version: '1.0.0', description: 'Crossings, flags, statistics' });
    expect(setup.ui).toBe(true);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const response = await fetch(`${baseUrl}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    doc = (await response.json()) as Document;
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const bodySchema = (path: string): Schema => {
    const ref = doc.paths[path]['post'].requestBody?.content['application/json'].schema.$ref ?? '';
    return doc.components.schemas[ref.replace('#/components/schemas/', '')];
  };

  it('describes the service and lists every path added here', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: 'Points of entry', version: '1.0.0' });
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/flags',
        '/flags/indicators',
        '/flags/{flagId}',
        '/flags/{flagId}/indicators',
        '/flags/{flagId}/close',
        '/flags/{flagId}/withdraw',
        '/statistics/crossings',
      ]),
    );
    expect(doc.paths['/flags']['post'].tags).toEqual(['trafficking flags']);
  });

  it('gives every command a request body schema with an example for each property', () => {
    for (const path of ['/flags', '/flags/{flagId}/indicators', '/flags/{flagId}/close', '/flags/{flagId}/withdraw']) {
      const schema = bodySchema(path);
      expect(schema).toBeDefined();
      for (const [name, property] of Object.entries(schema.properties)) {
        if (property.$ref || property.allOf) continue; // nested: checked below
        expect({ path, name, example: property.example }).toEqual({ path, name, example: expect.anything() });
      }
    }
    const raise = bodySchema('/flags');
    expect(raise.required).toEqual(expect.arrayContaining(['subject', 'pointOfEntry', 'indicators', 'observedAt']));
    expect(raise.required).not.toContain('note');
    expect(raise.properties['observedAt'].example).toBe('2026-11-23T15:40:00+07:00');
    expect(doc.components.schemas['FlagSubjectDto'].properties['kind'].enum).toEqual(['crossing', 'irregular-detection']);
  });

  it('documents the headers, the answers and the errors of commands', () => {
    const raise = doc.paths['/flags']['post'];
    expect(raise.parameters?.map((p) => `${p.in}:${p.name}`)).toContain('header:Idempotency-Key');
    expect(Object.keys(raise.responses)).toEqual(expect.arrayContaining(['201', '400', '422']));
    const close = doc.paths['/flags/{flagId}/close']['post'];
    expect(close.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['header:If-Match', 'header:Idempotency-Key', 'path:flagId']),
    );
    expect(Object.keys(close.responses)).toEqual(expect.arrayContaining(['200', '400', '409', '422']));
    expect(doc.components.schemas['RuleViolationDoc'].properties['rule'].example).toBe('child-referral-mandatory');
  });

  it('documents the query parameters and the CSV answer of the statistics', () => {
    const statistics = doc.paths['/statistics/crossings']['get'];
    const groupBy = statistics.parameters?.find((p) => p.name === 'groupBy');
    expect(groupBy?.in).toBe('query');
    expect(groupBy?.example ?? groupBy?.schema?.example).toBe('direction,sex,ageBand');
    const ok = statistics.responses['200'] as { content: Record<string, { schema: { type?: string; example?: string; $ref?: string } }> };
    expect(ok.content['application/json'].schema.$ref).toBe('#/components/schemas/CrossingStatisticsDoc');
    expect(ok.content['text/csv'].schema).toMatchObject({ type: 'string', example: expect.stringMatching(/^pointOfEntry,day,/) });
    const list = doc.paths['/flags']['get'];
    expect(list.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['status', 'severity', 'pointOfEntry']));
  });

  it('serves Swagger UI at /docs', async () => {
    const page = await fetch(`${baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('swagger-ui');
    expect((await fetch(`${baseUrl}/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });
});
