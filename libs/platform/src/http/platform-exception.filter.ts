import { ArgumentsHost, Catch, ExceptionFilter, type HttpServer, type LoggerService } from '@nestjs/common';
import { resolveRequestCorrelationId } from '../correlation/correlation.middleware';
import { routePattern } from '../metrics/http-metrics.middleware';
import { mapErrorToResponse } from './error-mapping';
import type { HttpRequestLike, HttpResponseLike } from './http-types';

/**
 * Global HTTP exception filter: answers every error with {@link mapErrorToResponse}'s status
 * and body (which always carries `correlationId`), and logs unexpected errors with their
 * message and stack. Request bodies are never logged.
 */
@Catch()
export class PlatformExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly logger: LoggerService,
    private readonly httpAdapter: HttpServer,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    // Only HTTP is handled here; other transports keep their own error semantics.
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<HttpRequestLike>();
    const res = http.getResponse<HttpResponseLike>();
    const correlationId = resolveRequestCorrelationId(req, res);
    const mapped = mapErrorToResponse(exception, correlationId);
    const where = { method: req.method, route: routePattern(req), status: mapped.status, correlationId };

    if (mapped.unexpected) {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error({ msg: `Request failed: ${err.message}`, ...where, err }, PlatformExceptionFilter.name);
    } else {
      this.logger.debug?.({ msg: 'Request rejected', ...where, code: mapped.body['code'] }, PlatformExceptionFilter.name);
    }

    if (res.headersSent) {
      this.logger.warn({ msg: 'Error after the response was sent; cannot answer it', ...where }, PlatformExceptionFilter.name);
      return;
    }
    this.httpAdapter.reply(res, mapped.body, mapped.status);
  }
}
