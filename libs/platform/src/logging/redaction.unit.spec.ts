import { JsonLogger } from './json-logger';
import { isRedactedKey, REDACTED, scrubText } from './redaction';

/** A traveller as posted with a crossing: every value here is personal data. */
const TRAVELLER = {
  documentType: 'passport',
  documentNumber: 'ZQ7731904',
  name: 'Canary Thearith Sokhom',
  givenNames: 'Thearith',
  surname: 'Sokhom',
  documentExpiresOn: '2031-12-24',
};
const CANARIES = ['ZQ7731904', 'Canary', 'Thearith', 'Sokhom', '2031-12-24', '1987-03-14', 'Somchai', 's3cr3t', 'hunter2'];

function logged(write: (logger: JsonLogger) => void): { text: string; lines: Array<Record<string, unknown>> } {
  const raw: string[] = [];
  write(new JsonLogger('points-of-entry', { level: 'debug', write: (line) => raw.push(line) }));
  return { text: raw.join(''), lines: raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('isRedactedKey', () => {
  it.each([
    'documentNumber', 'name', 'givenNames', 'surname', 'dateOfBirth', 'date_of_birth', 'note', 'identity', 'traveller',
    'token', 'accessToken', 'X-Api-Key', 'authorization', 'Set-Cookie', 'password', 'body',
  ])('redacts %s', (key) => expect(isRedactedKey(key)).toBe(true));

  it.each(['crossingId', 'travellerRef', 'pointOfEntry', 'nationality', 'ageBand', 'route', 'status', 'correlationId', 'err'])(
    'keeps %s',
    (key) => expect(isRedactedKey(key)).toBe(false),
  );
});

describe('scrubText', () => {
  it.each([
    ['Authorization: Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJvZmZpY2VyLTcifQ.c2lnbmF0dXJl failed', 'Authorization: Bearer [redacted] failed'],
    ['token eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJvZmZpY2VyLTcifQ.c2lnbmF0dXJl expired', 'token [redacted] expired'],
    ['bearer s3cr3t-token rejected', 'bearer [redacted] rejected'],
    ['Basic dXNlcjpodW50ZXIy', 'Basic [redacted]'],
    ['connect esdb://admin:hunter2@127.0.0.1:2113?tls=false', 'connect esdb://admin:[redacted]@127.0.0.1:2113?tls=false'],
    ['GET /x?token=abc123&limit=5', 'GET /x?token=[redacted]&limit=5'],
    ['{"documentNumber": "ZQ 773-1904", "name":"Canary T. Sokhom","ok":1}', '{"documentNumber": "[redacted]", "name":"[redacted]","ok":1}'],
    [`Unexpected token 'Z', "ZQ7731904 \\"x" is not valid JSON`, `Unexpected token 'Z', "[redacted]" is not valid JSON`],
  ])('scrubs %j', (text, expected) => expect(scrubText(text)).toBe(expected));

  it('leaves ordinary text alone', () => {
    const text = 'the bearer of the passport crossed at TH-ARANYAPRATHET; Basic checks passed; name resolution ok';
    expect(scrubText(text)).toBe(text);
  });
});

describe('JsonLogger keeps personal data and credentials out of every line', () => {
  it('redacts identity fields at any depth, in objects, arrays and class instances', () => {
    class RecordCrossing {
      readonly pointOfEntry = 'TH-ARANYAPRATHET';
      readonly dateOfBirth = '1987-03-14';
      readonly traveller = TRAVELLER;
    }
    const { text, lines } = logged((logger) => {
      logger.debug({ msg: 'command', command: new RecordCrossing() });
      logger.log('flag raised', { flag: { flagId: 'f-1', note: 'Broker Somchai holds her passport' }, items: [TRAVELLER] });
      logger.warn({ msg: 'lookup', identity: { documentNumber: 'ZQ7731904' }, travellerRef: 'tr-1' });
    });
    for (const canary of CANARIES) expect(text).not.toContain(canary);
    expect(lines[0]).toMatchObject({ command: { pointOfEntry: 'TH-ARANYAPRATHET', dateOfBirth: REDACTED, traveller: REDACTED } });
    expect(lines[1]).toMatchObject({ flag: { flagId: 'f-1', note: REDACTED }, items: [{ documentType: 'passport', name: REDACTED }] });
    expect(lines[2]).toMatchObject({ identity: REDACTED, travellerRef: 'tr-1' });
  });

  it('scrubs tokens and passwords from messages, fields and errors, keeping the error class name', () => {
    const error = new TypeError('cannot reach esdb://admin:hunter2@db:2113 with Bearer s3cr3t.jwt');
    const { text, lines } = logged((logger) => {
      logger.error('auth header was Bearer s3cr3t-value', error);
      logger.warn({ msg: 'upstream', detail: 'retry with token=hunter2', err: error });
      logger.error(error);
    });
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('s3cr3t');
    expect(lines[0]).toMatchObject({ msg: 'auth header was Bearer [redacted]', err: { name: 'TypeError' } });
    expect(lines[1]).toMatchObject({ detail: 'retry with token=[redacted]', err: { name: 'TypeError' } });
    expect(lines[2]!['msg']).toBe('cannot reach esdb://admin:[redacted]@db:2113 with Bearer [redacted]');
  });

  it("leaves out an error's own fields, which may echo the request", () => {
    const parseError = Object.assign(new SyntaxError(`Unexpected token 'Z', "ZQ7731904" is not valid JSON`), {
      body: '{"documentNumber":"ZQ7731904"}',
      value: 'ZQ7731904',
      status: 400,
    });
    const { text, lines } = logged((logger) => logger.debug('rejected', parseError));
    expect(text).not.toContain('ZQ7731904');
    expect(lines[0]!['err']).toEqual({ name: 'SyntaxError', message: `Unexpected token 'Z', "[redacted]" is not valid JSON`, stack: expect.any(String) });
  });
});
