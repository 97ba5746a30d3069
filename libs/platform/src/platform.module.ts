import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { CorrelationMiddleware } from './correlation/correlation.middleware';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health.registry';
import { JsonLogger } from './logging/json-logger';
import { LOGGER } from './logging/logger.tokens';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { PLATFORM_OPTIONS, type PlatformModuleOptions } from './platform.options';

/**
 * The shared Nest glue: JSON logging, metrics (`GET /metrics`), health probes (`/health/*`)
 * and correlation ids for every route.
 *
 * Import it exactly once, in the composition root (a service's app module, or the edge node
 * that runs several services in one process). It is global, so feature modules inject
 * `MetricsService`, `HealthRegistry`, `JsonLogger` or `LOGGER` without importing it; a feature
 * module importing it itself would mount the probes and metrics twice.
 */
@Global()
@Module({})
export class PlatformModule implements NestModule {
  /** The platform module configured for `serviceName`. */
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      controllers: [MetricsController, HealthController],
      providers: [
        { provide: PLATFORM_OPTIONS, useValue: { ...options } },
        { provide: JsonLogger, useFactory: () => new JsonLogger(options.serviceName) },
        { provide: LOGGER, useExisting: JsonLogger },
        MetricsService,
        HealthRegistry,
      ],
      exports: [PLATFORM_OPTIONS, JsonLogger, LOGGER, MetricsService, HealthRegistry],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Also mounted ahead of the body parser by configureHttpApp; both middlewares are idempotent.
    consumer.apply(CorrelationMiddleware, HttpMetricsMiddleware).forRoutes('*');
  }
}
