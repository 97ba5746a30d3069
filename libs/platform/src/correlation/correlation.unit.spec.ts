import type { HttpRequestLike, HttpResponseLike } from '../http/http-types';
import { currentCorrelation, isValidCorrelationId, runWithCorrelation } from './correlation.context';
import { correlationMiddleware, resolveRequestCorrelationId } from './correlation.middleware';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function fakeResponse(): HttpResponseLike & { headers: Map<string, string> } {
  const headers = new Map<string, string>();
  return {
    headers,
    statusCode: 200,
    headersSent: false,
    setHeader: (name, value) => headers.set(name, value),
    getHeader: (name) => headers.get(name),
    once: () => undefined,
  };
}

function request(headers: HttpRequestLike['headers'] = {}): HttpRequestLike {
  return { method: 'GET', headers };
}

describe('correlation context', () => {
  it('is visible across awaits inside runWithCorrelation and absent outside', async () => {
    expect(currentCorrelation()).toBeUndefined();
    const seen = await runWithCorrelation({ correlationId: 'abc' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentCorrelation();
    });
    expect(seen).toEqual({ correlationId: 'abc' });
    expect(currentCorrelation()).toBeUndefined();
  });

  it('accepts only 1-64 chars of [A-Za-z0-9._:-]', () => {
    expect(isValidCorrelationId('req-1.a:b_C')).toBe(true);
    expect(isValidCorrelationId('x'.repeat(64))).toBe(true);
    expect(isValidCorrelationId('x'.repeat(65))).toBe(false);
    expect(isValidCorrelationId('')).toBe(false);
    expect(isValidCorrelationId('a b')).toBe(false);
    expect(isValidCorrelationId('a\nb')).toBe(false);
    expect(isValidCorrelationId(['a', 'b'])).toBe(false);
  });
});

describe('correlationMiddleware', () => {
  it('keeps a sane header, echoes it and runs next() inside the context', () => {
    const res = fakeResponse();
    let inside: string | undefined;
    correlationMiddleware(request({ 'x-correlation-id': 'client-42' }), res, () => {
      inside = currentCorrelation()?.correlationId;
    });
    expect(inside).toBe('client-42');
    expect(res.headers.get('x-correlation-id')).toBe('client-42');
  });

  it('replaces an insane header with a UUID', () => {
    const res = fakeResponse();
    let inside: string | undefined;
    correlationMiddleware(request({ 'x-correlation-id': '<script>alert(1)</script>' }), res, () => {
      inside = currentCorrelation()?.correlationId;
    });
    expect(inside).toMatch(UUID);
    expect(res.headers.get('x-correlation-id')).toBe(inside);
  });

  it('assigns one id per request however often it is resolved', () => {
    const req = request();
    const first = resolveRequestCorrelationId(req, fakeResponse());
    expect(first).toMatch(UUID);
    expect(resolveRequestCorrelationId(req)).toBe(first);
    expect(resolveRequestCorrelationId(request())).not.toBe(first);
  });
});
