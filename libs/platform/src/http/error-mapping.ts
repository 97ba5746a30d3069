import { HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { isBodyParserError } from './body-errors';

/** Domain error codes the platform maps to HTTP statuses (read from an error's `code`). */
export const ERROR_CODES = {
  WRONG_EXPECTED_REVISION: 'WRONG_EXPECTED_REVISION',
  DUPLICATE_EVENT_ID: 'DUPLICATE_EVENT_ID',
  RULE_VIOLATION: 'RULE_VIOLATION',
  NOT_FOUND: 'NOT_FOUND',
} as const;

/** Message of the 400 answered for an unparseable JSON body. */
export const MALFORMED_JSON_MESSAGE = 'Malformed JSON body';
/** Message of the 500 answered for unexpected errors (their own message is never echoed). */
export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/** What the exception filter answers for an error. */
export interface MappedError {
  status: number;
  /** JSON body; always carries `correlationId`. */
  body: Record<string, unknown>;
  /** True for failures the server didn't anticipate; they're logged with their stack. */
  unexpected: boolean;
}

type ErrorFields = Record<string, unknown> & { message?: unknown; code?: unknown };

/**
 * Maps anything thrown while serving a request to a status and body:
 * Nest `HttpException`s pass through (plus `correlationId`); errors with a string `code` of
 * {@link ERROR_CODES} map to 409/409/422/404; body-parser failures to 400 (malformed JSON), 413
 * (too large) or their own 4xx; anything else to a generic 500.
 */
export function mapErrorToResponse(error: unknown, correlationId: string): MappedError {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const body = typeof response === 'string' ? { statusCode: status, message: response } : { ...response };
    // Nest's unmatched-route 404 echoes the URL, which can carry identifiers: answer generically.
    if (error instanceof NotFoundException && /^Cannot [A-Z]+ \//.test(String((body as { message?: unknown }).message))) {
      return { status, body: { statusCode: status, error: 'Not Found', message: 'No such route', correlationId }, unexpected: false };
    }
    return { status, body: { ...body, correlationId }, unexpected: status >= 500 };
  }

  if (isBodyParserError(error)) {
    if (error.type === 'entity.parse.failed') {
      return clientError(HttpStatus.BAD_REQUEST, 'Bad Request', MALFORMED_JSON_MESSAGE, correlationId);
    }
    if (error.type === 'entity.too.large') {
      return clientError(HttpStatus.PAYLOAD_TOO_LARGE, 'Payload Too Large', 'Request body too large', correlationId);
    }
    if (error.expose && error.status >= 400 && error.status < 500) {
      return clientError(error.status, 'Bad Request', error.message, correlationId);
    }
  }

  const fields: ErrorFields = typeof error === 'object' && error !== null ? (error as ErrorFields) : {};
  const message = typeof fields.message === 'string' ? fields.message : undefined;
  switch (fields.code) {
    case ERROR_CODES.WRONG_EXPECTED_REVISION:
      return domainError(HttpStatus.CONFLICT, 'Conflict', fields, message, correlationId, [
        'streamId',
        'expectedRevision',
        'currentRevision',
      ]);
    case ERROR_CODES.DUPLICATE_EVENT_ID:
      return domainError(HttpStatus.CONFLICT, 'Conflict', fields, message, correlationId, []);
    case ERROR_CODES.RULE_VIOLATION:
      return domainError(HttpStatus.UNPROCESSABLE_ENTITY, 'Unprocessable Entity', fields, message, correlationId, ['rule']);
    case ERROR_CODES.NOT_FOUND:
      return domainError(HttpStatus.NOT_FOUND, 'Not Found', fields, message, correlationId, []);
    default:
      return {
        status: HttpStatus.INTERNAL_SERVER_ERROR,
        body: { statusCode: 500, error: 'Internal Server Error', message: INTERNAL_ERROR_MESSAGE, correlationId },
        unexpected: true,
      };
  }
}

function clientError(status: number, error: string, message: string, correlationId: string): MappedError {
  return { status, body: { statusCode: status, error, message, correlationId }, unexpected: false };
}

function domainError(
  status: number,
  error: string,
  fields: ErrorFields,
  message: string | undefined,
  correlationId: string,
  extraKeys: readonly string[],
): MappedError {
  const body: Record<string, unknown> = { statusCode: status, error, code: fields.code, message: message ?? error };
  for (const key of extraKeys) {
    if (fields[key] !== undefined && fields[key] !== null) body[key] = jsonSafe(fields[key]);
  }
  body['correlationId'] = correlationId;
  return { status, body, unexpected: false };
}

// Revisions may be bigints (JSON.stringify throws on those): numbers when exact, else strings.
function jsonSafe(value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
}
