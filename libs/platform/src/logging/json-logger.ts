import type { LoggerService } from '@nestjs/common';
import { currentCorrelation } from '../correlation/correlation.context';
import { isLevelEnabled, parseLogLevel, type LineLevel, type LogLevelName } from './log-level';
import { isPlainObject, loggableFields, toLoggable } from './log-serialize';
import { scrubText } from './redaction';

/** Options of {@link JsonLogger}. */
export interface JsonLoggerOptions {
  /** Threshold; defaults to env `LOG_LEVEL`, else `info`. */
  level?: LogLevelName;
  /** Context used when a call doesn't name one; defaults to the service name. */
  context?: string;
  /** Where lines go (one call per line, newline included); defaults to `process.stdout`. */
  write?: (line: string) => void;
}

// Fields the logger owns; structured fields can't overwrite them.
const RESERVED = new Set(['time', 'level', 'service', 'context', 'msg']);
const STACK_FRAME = /\n\s+at /;

/**
 * Nest `LoggerService` writing one JSON object per line:
 * `{ time, level, service, context, msg, correlationId?, causationId?, ...fields }`.
 *
 * Accepts Nest's calling conventions (`log(msg, context)`, `error(msg, stack, context)`) plus
 * structured fields: pass a plain object as the message (`{ msg, ...fields }`) or as any
 * optional parameter. Errors passed anywhere are logged as `err: { name, message, stack }`.
 * Personal data and credentials are kept out: keys such as `body`, `authorization`, `password`,
 * `token`, `documentNumber`, `name`, `dateOfBirth`, `note` or `identity` are redacted at any depth,
 * and bearer tokens, JWTs and URL passwords are scrubbed from every string (`redaction.ts`).
 */
export class JsonLogger implements LoggerService {
  private readonly level: LogLevelName;
  private readonly defaultContext: string;
  private readonly write: (line: string) => void;

  constructor(
    readonly service: string,
    private readonly options: JsonLoggerOptions = {},
  ) {
    this.level = options.level ?? parseLogLevel(process.env['LOG_LEVEL']);
    this.defaultContext = options.context ?? service;
    // Resolve process.stdout per call so tests (and log shippers) can swap it.
    this.write = options.write ?? ((line) => void process.stdout.write(line));
  }

  /** A logger for the same service whose default context is `context`. */
  child(context: string): JsonLogger {
    return new JsonLogger(this.service, { ...this.options, level: this.level, context });
  }

  /** True when lines at `level` are written. */
  isEnabled(level: LineLevel): boolean {
    return isLevelEnabled(this.level, level);
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.emit('info', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.emit('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.emit('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.emit('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.emit('debug', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.emit('fatal', message, optionalParams);
  }

  private emit(level: LineLevel, message: unknown, params: unknown[]): void {
    if (!this.isEnabled(level)) return;
    const rest = params.filter((p) => p !== undefined);
    // Nest passes the context as the trailing string argument.
    const last = rest[rest.length - 1];
    const context = typeof last === 'string' && !STACK_FRAME.test(last) ? (rest.pop() as string) : this.defaultContext;

    const fields: Record<string, unknown> = {};
    const extraText: string[] = [];
    let msg = describe(message, fields);
    for (const param of rest) {
      if (typeof param === 'string') {
        if (STACK_FRAME.test(param) && fields['stack'] === undefined) fields['stack'] = param;
        else extraText.push(param);
      } else if (param instanceof Error) {
        fields['err'] = param;
      } else if (isPlainObject(param)) {
        Object.assign(fields, param);
      } else {
        extraText.push(String(toLoggable(param)));
      }
    }
    if (extraText.length > 0) msg = [msg, ...extraText].join(' ');

    const correlation = currentCorrelation();
    const line: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      context,
      msg: scrubText(msg),
    };
    if (correlation?.correlationId) line['correlationId'] = correlation.correlationId;
    if (correlation?.causationId) line['causationId'] = correlation.causationId;
    for (const [key, value] of Object.entries(loggableFields(fields))) {
      if (!RESERVED.has(key)) line[key] = value;
    }
    this.write(`${JSON.stringify(line)}\n`);
  }
}

/** Turns a log call's message into `msg`, moving structured parts into `fields`. */
function describe(message: unknown, fields: Record<string, unknown>): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) {
    fields['err'] = message;
    return message.message;
  }
  if (isPlainObject(message)) {
    const { msg, message: text, ...rest } = message;
    Object.assign(fields, rest);
    if (typeof msg === 'string') return msg;
    if (typeof text === 'string') return text;
    return '';
  }
  const safe = toLoggable(message);
  return typeof safe === 'string' ? safe : (JSON.stringify(safe) ?? String(message));
}

/** A {@link JsonLogger} for `serviceName`, levelled by env `LOG_LEVEL`. */
export function createLogger(serviceName: string, options?: JsonLoggerOptions): JsonLogger {
  return new JsonLogger(serviceName, options);
}
