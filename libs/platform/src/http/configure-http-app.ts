import type { INestApplication } from '@nestjs/common';
import { correlationMiddleware } from '../correlation/correlation.middleware';
import { JsonLogger } from '../logging/json-logger';
import { createHttpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { MetricsService } from '../metrics/metrics.service';
import { bodyParserErrorTranslator } from './body-errors';
import { PlatformExceptionFilter } from './platform-exception.filter';
import { createValidationPipe } from './validation';

/** Options of {@link configureHttpApp}. */
export interface ConfigureHttpAppOptions {
  /** Maximum JSON/urlencoded body size, as bytes or a `bytes` string such as `'64kb'` (default `'64kb'`). */
  bodyLimit?: number | string;
  /** Logger to install; defaults to the {@link JsonLogger} provided by `PlatformModule`. */
  logger?: JsonLogger;
  /**
   * Let Nest handle SIGTERM/SIGINT (default true). `bootstrapService` turns it off and handles the
   * signals itself, so that a drained process exits with code 0 instead of re-raising the signal.
   */
  shutdownHooks?: boolean;
}

/** Default body size limit of {@link configureHttpApp}. */
export const DEFAULT_BODY_LIMIT = '64kb';

// Only the methods used here; NestExpressApplication's typings need @types/express.
interface BodyParserCapable {
  useBodyParser(type: 'json' | 'urlencoded', options: Record<string, unknown>): unknown;
}

/**
 * Applies the platform's HTTP conventions to an app built with `PlatformModule.forRoot`
 * (Express platform). Call it after `NestFactory.create` and before `init`/`listen`:
 *
 * - logs through the JSON logger;
 * - assigns correlation ids and records HTTP metrics before the body is read, so even rejected
 *   bodies are correlated and counted;
 * - parses JSON/urlencoded bodies up to `bodyLimit` (413 beyond, 400 for malformed JSON);
 * - validates DTOs with a strict global ValidationPipe (400 with field-level errors);
 * - maps errors with a global exception filter (domain codes, generic 500s);
 * - enables shutdown hooks, so SIGTERM drains readiness before the server closes.
 */
export function configureHttpApp<T extends INestApplication>(app: T, opts: ConfigureHttpAppOptions = {}): T {
  const { logger, metrics } = platformServices(app, opts);
  const limit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;

  app.useLogger(logger);
  // Don't advertise the framework to scanners.
  (app.getHttpAdapter().getInstance() as { disable?: (setting: string) => void }).disable?.('x-powered-by');
  app.use(correlationMiddleware, createHttpMetricsMiddleware(metrics));
  // Registering our own parsers stops Nest from adding its defaults (it skips parsers already mounted).
  const parsers = app as unknown as BodyParserCapable;
  parsers.useBodyParser('json', { limit });
  parsers.useBodyParser('urlencoded', { limit, extended: true });
  app.use(bodyParserErrorTranslator);

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new PlatformExceptionFilter(logger, app.getHttpAdapter()));
  if (opts.shutdownHooks ?? true) app.enableShutdownHooks();
  return app;
}

function platformServices(app: INestApplication, opts: ConfigureHttpAppOptions): { logger: JsonLogger; metrics: MetricsService } {
  try {
    return {
      logger: opts.logger ?? app.get(JsonLogger, { strict: false }),
      metrics: app.get(MetricsService, { strict: false }),
    };
  } catch (error: unknown) {
    throw new Error('configureHttpApp: import PlatformModule.forRoot(...) in the application module', { cause: error });
  }
}
