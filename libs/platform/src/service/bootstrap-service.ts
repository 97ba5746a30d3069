import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { hasSecurityModule, protectApiDocs } from '@border-ledger/security';
import { configureHttpApp } from '../http/configure-http-app';
import { JsonLogger } from '../logging/json-logger';
import { OPENAPI_JSON_PATH, OPENAPI_UI_PATH, setupOpenApi, type OpenApiOptions } from '../openapi/setup-openapi';

/**
 * Creates, configures and starts a service's HTTP app. Returns the app so a caller (the edge
 * node's demo seeding, a test) can use it; shutdown hooks close it on SIGTERM/SIGINT.
 *
 * Refuses a root module without `SecurityModule.forRoot(...)`: a composition cannot forget
 * authentication, and the OpenAPI document and UI are put behind a token.
 */
export async function bootstrapService(
  rootModule: unknown,
  options: { serviceName: string; host: string; port: number; openApi?: Partial<OpenApiOptions> | false },
): Promise<INestApplication> {
  const logger = new JsonLogger(options.serviceName);
  const app = await NestFactory.create(rootModule as never, { logger, bufferLogs: true });
  if (!hasSecurityModule(app)) {
    await app.close();
    throw new Error(`bootstrapService: ${options.serviceName} does not import SecurityModule.forRoot(...); refusing to serve without access control`);
  }
  configureHttpApp(app, { shutdownHooks: false });
  // Before listen: routes added after Nest has mounted its own (and its 404) are never reached.
  if (options.openApi !== false) {
    protectApiDocs(app, [OPENAPI_JSON_PATH, OPENAPI_UI_PATH]);
    setupOpenApi(app, {
      title: `Border Ledger: ${options.serviceName}`,
      version: '1.0.0',
      description: `HTTP API of the ${options.serviceName} service`,
      ...options.openApi,
    });
  }
  const log = app.get(JsonLogger);
  // Graceful shutdown: readiness 503, followers finish their batch and commit, stores close, exit 0.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.log(`${signal} received: draining`, 'Shutdown');
      app.close().then(
        () => {
          log.log('stopped cleanly', 'Shutdown');
          process.exit(0);
        },
        (error: unknown) => {
          log.error(`shutdown failed: ${(error as Error).message}`, (error as Error).stack, 'Shutdown');
          process.exit(1);
        },
      );
    });
  }
  await app.listen(options.port, options.host);
  const address = app.getHttpServer().address() as { port: number } | null;
  log.log(`listening on http://${options.host}:${address?.port ?? options.port}`, 'Bootstrap');
  return app;
}
