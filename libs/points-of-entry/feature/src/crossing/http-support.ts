import { BadRequestException } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { currentCorrelation } from '@border-ledger/platform';

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

/** `Idempotency-Key`: 8-128 characters of letters, digits, `. _ : -`; absent is fine. */
export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) throw fieldError('Idempotency-Key', 'must be 8-128 characters of letters, digits, . _ : -');
  return key;
}

/** `If-Match: <revision>` (quotes and a weak `W/` prefix tolerated); absent is fine. */
export function parseIfMatch(value: string | undefined, what = 'record'): number | undefined {
  if (value === undefined) return undefined;
  const revision = Number(value.replace(/^W\//, '').replace(/"/g, ''));
  if (value.trim() === '' || !Number.isSafeInteger(revision) || revision < 0) {
    throw fieldError('If-Match', `must be the revision number of the ${what}`);
  }
  return revision;
}

/**
 * Optional, but not nullable: unlike `@IsOptional()`, a `null` is validated (and refused) rather
 * than passed through to the command as a value.
 */
export const OptionalField = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** No control characters (newlines, NUL…) in free text. */
export const PRINTABLE = /^[^\p{Cc}]*$/u;

/** Drops keys whose value is `undefined`: commands carry only what was stated. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
