import { BadRequestException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { currentCorrelation } from '@border-ledger/platform';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({ message: 'Validation failed', errors: [{ field, messages: [message] }] });
}

/** The `Idempotency-Key` header, checked; undefined when absent. */
export function idempotencyKeyOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) throw invalid('Idempotency-Key', 'must be 8-128 characters of letters, digits, . _ : -');
  return value;
}

/** The revision in an `If-Match` header (`3`, `"3"` or `W/"3"`); undefined when absent. */
export function revisionOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.replace(/^W\//, '').replace(/"/g, '').trim();
  const revision = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(revision)) throw invalid('If-Match', 'must be the revision number of the flag');
  return revision;
}

export function correlationId(): string {
  return currentCorrelation()?.correlationId ?? randomUUID();
}
