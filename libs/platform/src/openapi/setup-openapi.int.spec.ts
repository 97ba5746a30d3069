import { Body, Controller, Module, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { configureHttpApp } from '../http/configure-http-app';
import { PlatformModule } from '../platform.module';
import { setupOpenApi, type OpenApiOptions } from './setup-openapi';

class GreetDto {
  @ApiProperty({ example: 'Mae Sot' })
  @IsString()
  readonly name!: string;
}

@ApiTags('greetings')
@Controller('greetings')
class GreetingController {
  @Post()
  greet(@Body() body: GreetDto): { greeting: string } {
    return { greeting: `hello ${body.name}` };
  }
}

@Module({ imports: [PlatformModule.forRoot({ serviceName: 'openapi-platform-test' })], controllers: [GreetingController] })
class GreetingModule {}

async function boot(options: OpenApiOptions): Promise<{ app: INestApplication; url: string; ui: boolean }> {
  const moduleRef = await Test.createTestingModule({ imports: [GreetingModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app);
  const { ui } = setupOpenApi(app, options);
  await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`, ui };
}

describe('setupOpenApi', () => {
  const options = { title: 'Greeter', version: '2.1.0', description: 'Says hello' };

  it('serves the document built from the controllers at /openapi.json and Swagger UI at /docs', async () => {
    const { app, url, ui } = await boot(options);
    try {
      expect(ui).toBe(true);
      const doc = (await (await fetch(`${url}/openapi.json`)).json()) as {
        info: { title: string; version: string; description: string };
        paths: Record<string, { post: { tags: string[]; requestBody: unknown } }>;
        components: { schemas: Record<string, { properties: Record<string, { example: unknown }> }> };
      };
      expect(doc.info).toMatchObject(options);
      expect(doc.paths['/greetings'].post.tags).toEqual(['greetings']);
      expect(doc.components.schemas['GreetDto'].properties['name'].example).toBe('Mae Sot');
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/metrics', '/greetings']));
      expect((await fetch(`${url}/docs`)).status).toBe(200);
      // The app still validates and routes as before, and unknown paths are still 404.
      const greet = await fetch(`${url}/greetings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":7}' });
      expect(greet.status).toBe(400);
      expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('serves only the JSON when the UI is turned off', async () => {
    const { app, url, ui } = await boot({ ...options, ui: false });
    try {
      expect(ui).toBe(false);
      expect((await fetch(`${url}/openapi.json`)).status).toBe(200);
      expect((await fetch(`${url}/docs`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
