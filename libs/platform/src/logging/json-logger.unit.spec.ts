import { runWithCorrelation } from '../correlation/correlation.context';
import { createLogger, JsonLogger, type JsonLoggerOptions } from './json-logger';
import { parseLogLevel } from './log-level';

function capture(options: JsonLoggerOptions = {}): { logger: JsonLogger; lines: () => Record<string, unknown>[] } {
  const raw: string[] = [];
  const logger = new JsonLogger('crossings', { level: 'debug', ...options, write: (line) => raw.push(line) });
  return { logger, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with the standard fields', () => {
    const raw: string[] = [];
    const logger = new JsonLogger('crossings', { level: 'info', write: (line) => raw.push(line) });
    logger.log('started', 'Bootstrap');
    expect(raw).toHaveLength(1);
    expect(raw[0]!.endsWith('\n')).toBe(true);
    expect(raw[0]!.trimEnd()).not.toContain('\n');
    const line = JSON.parse(raw[0]!) as Record<string, unknown>;
    expect(line).toEqual({ time: expect.any(String), level: 'info', service: 'crossings', context: 'Bootstrap', msg: 'started' });
    expect(new Date(line['time'] as string).toISOString()).toBe(line['time']);
  });

  it('adds the correlation and causation ids of the current context', () => {
    const { logger, lines } = capture();
    runWithCorrelation({ correlationId: 'c-1', causationId: 'evt-9' }, () => logger.warn('inside'));
    logger.warn('outside');
    expect(lines()[0]).toMatchObject({ level: 'warn', msg: 'inside', correlationId: 'c-1', causationId: 'evt-9' });
    expect(lines()[1]).not.toHaveProperty('correlationId');
  });

  it('merges structured fields from a plain-object message or parameter, without overriding its own', () => {
    const { logger, lines } = capture({ context: 'Relay' });
    logger.log({ msg: 'published', count: 3, level: 'hacked', service: 'other' });
    logger.debug('lagging', { relay: 'outbox', lag: 12n });
    expect(lines()[0]).toMatchObject({ level: 'info', service: 'crossings', context: 'Relay', msg: 'published', count: 3 });
    expect(lines()[1]).toMatchObject({ level: 'debug', msg: 'lagging', relay: 'outbox', lag: '12' });
  });

  it("follows Nest's error(message, stack, context) convention and serialises Error objects", () => {
    const { logger, lines } = capture();
    const error = new Error('kaput');
    logger.error('handler failed', error.stack, 'ExceptionsHandler');
    logger.error(error);
    expect(lines()[0]).toMatchObject({ level: 'error', context: 'ExceptionsHandler', msg: 'handler failed' });
    expect(lines()[0]!['stack']).toContain('kaput');
    expect(lines()[1]).toMatchObject({ msg: 'kaput', err: { name: 'Error', message: 'kaput' } });
    expect((lines()[1]!['err'] as { stack: string }).stack).toContain('json-logger.unit.spec');
  });

  it('redacts bodies and credentials at any depth and survives cycles', () => {
    const { logger, lines } = capture();
    const cyclic: Record<string, unknown> = { label: 'loop' };
    cyclic['self'] = cyclic;
    logger.log({ msg: 'req', body: { passport: 'X123' }, req: { headers: { authorization: 'Bearer s3cr3t' } }, cyclic });
    const text = JSON.stringify(lines()[0]);
    expect(text).not.toContain('X123');
    expect(text).not.toContain('s3cr3t');
    expect(lines()[0]).toMatchObject({ body: '[redacted]', cyclic: { label: 'loop', self: '[Circular]' } });
  });

  it('drops lines below the threshold and everything when silent', () => {
    const info = capture({ level: 'info' });
    info.logger.debug('hidden');
    info.logger.verbose('hidden');
    info.logger.log('shown');
    info.logger.fatal('shown too');
    expect(info.lines().map((l) => l['level'])).toEqual(['info', 'fatal']);

    const silent = capture({ level: 'silent' });
    silent.logger.error('nope');
    expect(silent.lines()).toHaveLength(0);
  });

  it('takes its threshold from LOG_LEVEL, defaulting to info', () => {
    const previous = process.env['LOG_LEVEL'];
    try {
      process.env['LOG_LEVEL'] = 'ERROR';
      const raw: string[] = [];
      const logger = createLogger('svc', { write: (line) => raw.push(line) });
      logger.warn('dropped');
      logger.error('kept');
      expect(raw).toHaveLength(1);
      expect(parseLogLevel(undefined)).toBe('info');
      expect(parseLogLevel('verbose')).toBe('info');
      expect(parseLogLevel(' Silent ')).toBe('silent');
    } finally {
      if (previous === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = previous;
    }
  });

  it('child() keeps the service and threshold but changes the default context', () => {
    const { logger, lines } = capture({ level: 'warn' });
    const child = logger.child('Consumer');
    child.log('dropped');
    child.warn('kept');
    expect(lines()).toEqual([expect.objectContaining({ service: 'crossings', context: 'Consumer', msg: 'kept' })]);
  });
});
