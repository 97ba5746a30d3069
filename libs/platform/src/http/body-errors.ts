import type { HttpRequestLike, HttpResponseLike, NextFn } from './http-types';

/** Shape of the errors body-parser (via `http-errors`) raises for unreadable bodies. */
export interface BodyParserErrorLike {
  type: string;
  status: number;
  expose: boolean;
  message: string;
}

/** True for errors raised by body-parser (`entity.parse.failed`, `entity.too.large`, …). */
export function isBodyParserError(error: unknown): error is BodyParserErrorLike {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Partial<BodyParserErrorLike>;
  return typeof e.type === 'string' && typeof e.status === 'number' && typeof e.expose === 'boolean';
}

/**
 * A body-parser failure re-raised as a non-`SyntaxError`. Nest converts body-parser's
 * `SyntaxError` into a `BadRequestException` carrying the parser's message before any filter
 * runs, which loses the information that the body was malformed; this keeps it.
 */
export class RequestBodyError extends Error implements BodyParserErrorLike {
  readonly type: string;
  readonly status: number;
  readonly expose: boolean;

  constructor(source: BodyParserErrorLike) {
    super(source.message, { cause: source });
    this.name = 'RequestBodyError';
    this.type = source.type;
    this.status = source.status;
    this.expose = source.expose;
  }
}

/**
 * Express error middleware mounted right after the body parsers: wraps body-parser errors in
 * {@link RequestBodyError} and passes everything else on untouched.
 */
export function bodyParserErrorTranslator(error: unknown, _req: HttpRequestLike, _res: HttpResponseLike, next: NextFn): void {
  next(isBodyParserError(error) && !(error instanceof RequestBodyError) ? new RequestBodyError(error) : error);
}
