import { BadRequestException, ForbiddenException, HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import { PURPOSE_HEADER, PURPOSES } from '../access/purpose';
import type { AuthFailureReason } from '../token/token-verifier';
import type { SecuredResponse } from './http-facts';

/** 401 with `WWW-Authenticate` (RFC 6750): no error code when no token was sent. */
export function unauthorized(res: SecuredResponse, reason: AuthFailureReason): UnauthorizedException {
  const challenge = reason === 'token-missing' ? 'Bearer realm="border-ledger"' : `Bearer realm="border-ledger", error="invalid_token", error_description="${reason}"`;
  if (!res.headersSent) res.setHeader('WWW-Authenticate', challenge);
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: 'A valid bearer token is required', reason });
}

/** 403 naming the action, not what would have allowed it. */
export function forbidden(action: string, reason: string): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: `Not allowed: ${action}`, reason });
}

/** 429 with `Retry-After` in seconds. */
export function tooManyRequests(res: SecuredResponse, retryAfterSeconds: number): HttpException {
  if (!res.headersSent) res.setHeader('Retry-After', String(retryAfterSeconds));
  return new HttpException(
    { statusCode: 429, error: 'Too Many Requests', message: `Rate limit exceeded; retry after ${retryAfterSeconds} s`, reason: 'rate-limited' },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/** 400 in the platform's validation shape: a sensitive read without a (known) stated purpose. */
export function purposeRequired(): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    errors: [{ field: 'X-Purpose-Of-Use', messages: [`${PURPOSE_HEADER} must state the purpose of this read: one of ${PURPOSES.join(', ')}`] }],
  });
}
