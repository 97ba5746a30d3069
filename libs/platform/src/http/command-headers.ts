import { BadRequestException } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { currentCorrelation } from '../correlation/correlation.context';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** The `Res({ passthrough: true })` surface the controllers use. */
export interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/** The request's correlation id, or a fresh one outside a request. */
export function correlationId(): string {
  return currentCorrelation()?.correlationId ?? randomUUID();
}

/** A 400 in the platform's validation shape, for a header or a field checked outside a DTO. */
export function fieldError(field: string, message: string): BadRequestException {
  return new BadRequestException({ message: 'Validation failed', errors: [{ field, messages: [message] }] });
}

/**
 * `Idempotency-Key`: 8-128 characters of letters, digits, `. _ : -`. When the header is absent,
 * the `fallback` (a client command id of the body), else undefined: the command is then not safe
 * to retry.
 */
export function checkIdempotencyKey(header: string | undefined, fallback?: string): string | undefined {
  if (header === undefined) return fallback;
  if (!IDEMPOTENCY_KEY.test(header)) throw fieldError('Idempotency-Key', 'must be 8-128 characters of letters, digits, . _ : -');
  return header;
}

/** `If-Match: <revision>`: digits, quotes and a weak `W/` prefix tolerated (`3`, `"3"`, `W/"3"`); undefined when absent. */
export function ifMatchRevision(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  const text = value.replace(/^W\//, '').replace(/"/g, '').trim();
  const revision = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(revision)) throw fieldError('If-Match', `must be the revision number of the ${what}`);
  return revision;
}

/** A command id: derived from the key when there is one (retries store once), else unique. */
export function commandIdOf(action: string, subject: string, key: string | undefined): string {
  return `${action}:${subject}:${key ?? randomUUID()}`;
}

/**
 * Optional, but not nullable: unlike `@IsOptional()`, a `null` is validated (and refused) rather
 * than taken as absent and passed to the command.
 */
export const OptionalField = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** No control characters (newlines, NUL…) in free text. */
export const PRINTABLE = /^[^\p{Cc}]*$/u;

/** Drops keys whose value is `undefined`: commands carry only what was stated. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
