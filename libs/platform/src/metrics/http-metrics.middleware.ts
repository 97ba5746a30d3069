import { Injectable, NestMiddleware } from '@nestjs/common';
import type { HttpRequestLike, HttpResponseLike, NextFn } from '../http/http-types';
import { MetricsService } from './metrics.service';

/** Route label of requests that matched no route (404s, bodies rejected before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/** Status label of requests whose client went away before the response finished. */
export const CLIENT_CLOSED_REQUEST = 499;

// Idempotence marker: the middleware may be mounted twice (see correlation.middleware.ts).
const TRACKED = Symbol('border-ledger.httpMetricsTracked');

/**
 * The route pattern Express matched for `req` (e.g. `/crossings/:id`), or
 * {@link UNMATCHED_ROUTE}. Never the raw URL, so ids and personal data stay out of labels.
 */
export function routePattern(req: HttpRequestLike): string {
  const path = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE;
}

/**
 * Express-style middleware factory recording `http_requests_total` and
 * `http_request_duration_seconds` when the response finishes. The route is read at the end,
 * once the router has matched it.
 */
export function createHttpMetricsMiddleware(metrics: MetricsService) {
  return function httpMetricsMiddleware(req: HttpRequestLike, res: HttpResponseLike, next: NextFn): void {
    const marked = req as HttpRequestLike & { [TRACKED]?: true };
    if (marked[TRACKED]) {
      next();
      return;
    }
    marked[TRACKED] = true;
    const started = process.hrtime.bigint();
    let recorded = false;
    const record = (): void => {
      if (recorded) return;
      recorded = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // A response closed before it finished was aborted by the client (nginx's 499).
      const status = res.writableFinished === false ? CLIENT_CLOSED_REQUEST : res.statusCode;
      metrics.observeHttpRequest(req.method, routePattern(req), status, seconds);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}

/** Nest wrapper around {@link createHttpMetricsMiddleware}; PlatformModule applies it to all routes. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware<HttpRequestLike, HttpResponseLike> {
  private readonly handle: ReturnType<typeof createHttpMetricsMiddleware>;

  constructor(metrics: MetricsService) {
    this.handle = createHttpMetricsMiddleware(metrics);
  }

  use(req: HttpRequestLike, res: HttpResponseLike, next: NextFn): void {
    this.handle(req, res, next);
  }
}
