import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { configureHttpApp } from '../http/configure-http-app';
import { JsonLogger } from '../logging/json-logger';

/**
 * Creates, configures and starts a service's HTTP app. Returns the app so a caller (the edge
 * node's demo seeding, a test) can use it; shutdown hooks close it on SIGTERM/SIGINT.
 */
export async function bootstrapService(
  rootModule: unknown,
  options: { serviceName: string; host: string; port: number },
): Promise<INestApplication> {
  const logger = new JsonLogger(options.serviceName);
  const app = await NestFactory.create(rootModule as never, { logger, bufferLogs: true });
  configureHttpApp(app);
  await app.listen(options.port, options.host);
  const address = app.getHttpServer().address() as { port: number } | null;
  app.get(JsonLogger).log(`listening on http://${options.host}:${address?.port ?? options.port}`, 'Bootstrap');
  return app;
}
