import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** One invalid field: its path in the body (`a.b[0].c`) and what's wrong with it. */
export interface FieldError {
  field: string;
  messages: string[];
}

/** Body of a 400 answered for a DTO that failed validation. */
export interface ValidationFailedBody {
  statusCode: 400;
  error: 'Bad Request';
  message: 'Validation failed';
  errors: FieldError[];
}

/**
 * Cap on reported field errors: a 64 kB array of invalid elements would otherwise produce a
 * response many times its size.
 */
export const MAX_FIELD_ERRORS = 100;

/**
 * Flattens class-validator's error tree into one entry per invalid field, with dotted paths
 * and array indices in brackets (`items[0].code`). Parents that carry their own constraints
 * (e.g. `@IsDefined()` on a nested object) get an entry too. At most {@link MAX_FIELD_ERRORS}
 * entries are returned.
 */
export function flattenValidationErrors(errors: readonly ValidationError[], parentPath = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    if (out.length >= MAX_FIELD_ERRORS) break;
    collect(error, parentPath === '' ? error.property : `${parentPath}.${error.property}`, out);
  }
  return out.slice(0, MAX_FIELD_ERRORS);
}

function collect(error: ValidationError, path: string, out: FieldError[]): void {
  const messages = Object.values(error.constraints ?? {});
  if (messages.length > 0) out.push({ field: path, messages });
  for (const child of error.children ?? []) {
    if (out.length >= MAX_FIELD_ERRORS) return;
    collect(child, isIndex(error, child) ? `${path}[${child.property}]` : `${path}.${child.property}`, out);
  }
}

// Children of an array-valued property are its elements, keyed by index. The value may have
// been stripped (Nest's ValidationPipe drops parent values unless told otherwise), so an
// all-digit key counts as an index then.
function isIndex(parent: ValidationError, child: ValidationError): boolean {
  if (Array.isArray(parent.value)) return true;
  return parent.value === undefined && /^\d+$/.test(child.property);
}

/** The `exceptionFactory` of the platform's ValidationPipe: a 400 with field-level errors. */
export function validationExceptionFactory(errors: ValidationError[]): BadRequestException {
  const body: ValidationFailedBody = {
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    errors: flattenValidationErrors(errors),
  };
  return new BadRequestException(body);
}

/**
 * The platform's global ValidationPipe: strips and rejects unknown properties, transforms
 * bodies into DTO instances, never converts types implicitly ("1" stays a string and fails an
 * `@IsInt()`), and answers failures with {@link validationExceptionFactory}.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // Keep parent values (never sent to clients) so array elements are told from object keys.
    validationError: { target: false, value: true },
    exceptionFactory: validationExceptionFactory,
  });
}
