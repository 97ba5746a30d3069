import { BadRequestException, ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import { RequestBodyError } from './body-errors';
import { INTERNAL_ERROR_MESSAGE, MALFORMED_JSON_MESSAGE, mapErrorToResponse } from './error-mapping';

const CID = 'corr-1';

function coded(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code }, extra);
}

describe('mapErrorToResponse', () => {
  it('maps WRONG_EXPECTED_REVISION to 409 with the stream and revisions', () => {
    const mapped = mapErrorToResponse(
      coded('WRONG_EXPECTED_REVISION', 'stream moved on', { streamId: 'crossing-1', expectedRevision: 2, currentRevision: 5 }),
      CID,
    );
    expect(mapped).toEqual({
      status: 409,
      unexpected: false,
      body: {
        statusCode: 409,
        error: 'Conflict',
        code: 'WRONG_EXPECTED_REVISION',
        message: 'stream moved on',
        streamId: 'crossing-1',
        expectedRevision: 2,
        currentRevision: 5,
        correlationId: CID,
      },
    });
  });

  it('turns bigint revisions into JSON-safe values and omits absent fields', () => {
    const mapped = mapErrorToResponse(
      coded('WRONG_EXPECTED_REVISION', 'x', { expectedRevision: 3n, currentRevision: 2n ** 70n }),
      CID,
    );
    expect(mapped.body['expectedRevision']).toBe(3);
    expect(mapped.body['currentRevision']).toBe((2n ** 70n).toString());
    expect(mapped.body).not.toHaveProperty('streamId');
    expect(() => JSON.stringify(mapped.body)).not.toThrow();
  });

  it('maps DUPLICATE_EVENT_ID to 409, RULE_VIOLATION to 422 with the rule, NOT_FOUND to 404', () => {
    expect(mapErrorToResponse(coded('DUPLICATE_EVENT_ID', 'dup'), CID)).toMatchObject({
      status: 409,
      body: { code: 'DUPLICATE_EVENT_ID', message: 'dup', correlationId: CID },
    });
    expect(mapErrorToResponse(coded('RULE_VIOLATION', 'closed', { rule: 'post-open' }), CID)).toMatchObject({
      status: 422,
      body: { statusCode: 422, error: 'Unprocessable Entity', rule: 'post-open', correlationId: CID },
    });
    expect(mapErrorToResponse(coded('NOT_FOUND', 'no such crossing'), CID)).toMatchObject({
      status: 404,
      body: { statusCode: 404, message: 'no such crossing', correlationId: CID },
    });
  });

  it('reads the code from non-Error objects too', () => {
    expect(mapErrorToResponse({ code: 'NOT_FOUND' }, CID)).toMatchObject({ status: 404, body: { message: 'Not Found' } });
  });

  it('passes HttpExceptions through, adding only the correlation id', () => {
    const body = { statusCode: 400, error: 'Bad Request', message: 'Validation failed', errors: [] };
    expect(mapErrorToResponse(new BadRequestException(body), CID)).toEqual({
      status: 400,
      body: { ...body, correlationId: CID },
      unexpected: false,
    });
    expect(mapErrorToResponse(new HttpException('teapot', 418), CID).body).toEqual({
      statusCode: 418,
      message: 'teapot',
      correlationId: CID,
    });
    expect(mapErrorToResponse(new ConflictException(), CID).status).toBe(409);
    expect(mapErrorToResponse(new HttpException('down', 503), CID).unexpected).toBe(true);
  });

  it('maps body-parser failures: malformed JSON to 400, too large to 413', () => {
    const parse = new RequestBodyError({ type: 'entity.parse.failed', status: 400, expose: true, message: 'Unexpected token' });
    expect(mapErrorToResponse(parse, CID)).toEqual({
      status: 400,
      unexpected: false,
      body: { statusCode: 400, error: 'Bad Request', message: MALFORMED_JSON_MESSAGE, correlationId: CID },
    });
    const tooLarge = Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, expose: true });
    expect(mapErrorToResponse(tooLarge, CID)).toMatchObject({ status: 413, body: { statusCode: 413 } });
  });

  it('answers anything else with a generic 500 that hides the message', () => {
    for (const thrown of [new Error('db password is hunter2'), coded('ECONNREFUSED', 'connect failed'), 'boom', undefined]) {
      const mapped = mapErrorToResponse(thrown, CID);
      expect(mapped).toEqual({
        status: 500,
        unexpected: true,
        body: { statusCode: 500, error: 'Internal Server Error', message: INTERNAL_ERROR_MESSAGE, correlationId: CID },
      });
    }
  });
});

describe('unmatched routes', () => {
  it('answers 404 without echoing the URL, which may carry identifiers', () => {
    const mapped = mapErrorToResponse(new NotFoundException('Cannot GET /search/ZQ7731904?name=Somchai'), 'c-1');
    expect(mapped.status).toBe(404);
    expect(JSON.stringify(mapped.body)).not.toContain('ZQ7731904');
    expect(mapped.body).toMatchObject({ message: 'No such route', correlationId: 'c-1' });
  });
});
