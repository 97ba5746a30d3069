export {
  CORRELATION_HEADER,
  currentCorrelation,
  isValidCorrelationId,
  newCorrelationId,
  runWithCorrelation,
  type CorrelationContext,
} from './correlation/correlation.context';
export {
  CorrelationMiddleware,
  correlationMiddleware,
  resolveRequestCorrelationId,
} from './correlation/correlation.middleware';

export { createLogger, JsonLogger, type JsonLoggerOptions } from './logging/json-logger';
export { DEFAULT_LOG_LEVEL, parseLogLevel, type LineLevel, type LogLevelName } from './logging/log-level';
export { LOGGER } from './logging/logger.tokens';

export {
  METRIC_PREFIX,
  MetricsService,
  type CommandOutcome,
  type ConsumerOutcome,
} from './metrics/metrics.service';
export { MetricsController } from './metrics/metrics.controller';
export {
  CLIENT_CLOSED_REQUEST,
  createHttpMetricsMiddleware,
  HttpMetricsMiddleware,
  routePattern,
  UNMATCHED_ROUTE,
} from './metrics/http-metrics.middleware';

export {
  DEFAULT_READINESS_TIMEOUT_MS,
  HealthRegistry,
  type CheckResult,
  type ReadinessCheck,
  type ReadinessCheckOptions,
  type ReadinessReport,
} from './health/health.registry';
export { HealthController } from './health/health.controller';

export { configureHttpApp, DEFAULT_BODY_LIMIT, type ConfigureHttpAppOptions } from './http/configure-http-app';
export {
  createValidationPipe,
  flattenValidationErrors,
  validationExceptionFactory,
  type FieldError,
  type ValidationFailedBody,
} from './http/validation';
export {
  ERROR_CODES,
  INTERNAL_ERROR_MESSAGE,
  MALFORMED_JSON_MESSAGE,
  mapErrorToResponse,
  type MappedError,
} from './http/error-mapping';
export { PlatformExceptionFilter } from './http/platform-exception.filter';
export { RequestBodyError } from './http/body-errors';
export { decimalPlaces, IsMeasurement } from './http/decimal-field';
export { PageLimit, PageOffset } from './http/paging';
export type { HttpRequestLike, HttpResponseLike, NextFn } from './http/http-types';

export { PlatformModule } from './platform.module';
export { PLATFORM_OPTIONS, type PlatformModuleOptions } from './platform.options';

export { readServiceConfig, ConfigError, type ServiceConfig } from './service/service-config';
export { bootstrapService } from './service/bootstrap-service';

export {
  OPENAPI_JSON_PATH,
  OPENAPI_UI_PATH,
  setupOpenApi,
  type OpenApiOptions,
  type OpenApiSetup,
} from './openapi/setup-openapi';
export {
  checkIdempotencyKey,
  commandIdOf,
  correlationId,
  defined,
  fieldError,
  ifMatchRevision,
  OptionalField,
  PRINTABLE,
  type HeaderSink,
} from './http/command-headers';
