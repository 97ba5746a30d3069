import { randomUUID } from 'node:crypto';

/** The parts of an Express request the security layer reads. */
export interface SecuredRequest {
  readonly method: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly params?: Record<string, string>;
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: string;
  readonly socket?: { readonly remoteAddress?: string };
  [key: symbol]: unknown;
}

/** The parts of an Express response the security layer writes. */
export interface SecuredResponse {
  headersSent?: boolean;
  setHeader(name: string, value: string): unknown;
  getHeader(name: string): unknown;
}

/** What an audit record says about the request: never its URL, query or body. */
export interface RequestFacts {
  readonly method: string;
  readonly route: string;
  readonly correlationId: string;
  readonly clientAddress: string;
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestFacts(req: SecuredRequest, res: SecuredResponse, route?: string): RequestFacts {
  // The platform's correlation middleware has already echoed the request's id on the response.
  const echoed = res.getHeader('x-correlation-id');
  const sent = header(req, 'x-correlation-id');
  const correlationId = typeof echoed === 'string' && echoed !== '' ? echoed : sent !== undefined && CORRELATION_ID.test(sent) ? sent : randomUUID();
  return {
    method: req.method,
    route: route ?? (typeof req.route?.path === 'string' ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched'),
    correlationId,
    clientAddress: req.socket?.remoteAddress ?? 'unknown',
  };
}

/** One header's value (the first, when repeated). */
export function header(req: SecuredRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
