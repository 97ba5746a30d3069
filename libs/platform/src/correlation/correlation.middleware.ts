import { Injectable, NestMiddleware } from '@nestjs/common';
import type { HttpRequestLike, HttpResponseLike, NextFn } from '../http/http-types';
import {
  CORRELATION_HEADER,
  currentCorrelation,
  isValidCorrelationId,
  newCorrelationId,
  runWithCorrelation,
} from './correlation.context';

// The id is pinned on the request so the middleware is idempotent: configureHttpApp mounts it
// ahead of the body parser (so parse errors carry an id) and PlatformModule mounts it again for
// apps that skip configureHttpApp; both must agree on one id per request.
const REQUEST_CORRELATION_ID = Symbol('border-ledger.correlationId');

type CorrelatedRequest = HttpRequestLike & { [REQUEST_CORRELATION_ID]?: string };

/**
 * The correlation id of `req`: the one already assigned to it, else its sane `x-correlation-id`
 * header, else a new UUID. Assigns it to the request and echoes it on `res` the first time.
 */
export function resolveRequestCorrelationId(req: HttpRequestLike, res?: HttpResponseLike): string {
  const request = req as CorrelatedRequest;
  let id = request[REQUEST_CORRELATION_ID];
  if (id === undefined) {
    const header = req.headers[CORRELATION_HEADER];
    id = isValidCorrelationId(header) ? header : newCorrelationId();
    request[REQUEST_CORRELATION_ID] = id;
  }
  if (res && !res.headersSent && res.getHeader(CORRELATION_HEADER) === undefined) {
    res.setHeader(CORRELATION_HEADER, id);
  }
  return id;
}

/**
 * Express-style middleware: assigns the request its correlation id, echoes it in the
 * `x-correlation-id` response header and runs the rest of the request inside that context.
 */
export function correlationMiddleware(req: HttpRequestLike, res: HttpResponseLike, next: NextFn): void {
  const correlationId = resolveRequestCorrelationId(req, res);
  if (currentCorrelation()?.correlationId === correlationId) {
    next();
    return;
  }
  runWithCorrelation({ correlationId }, () => next());
}

/** Nest wrapper around {@link correlationMiddleware}; PlatformModule applies it to all routes. */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware<HttpRequestLike, HttpResponseLike> {
  use(req: HttpRequestLike, res: HttpResponseLike, next: NextFn): void {
    correlationMiddleware(req, res, next);
  }
}
