import { isRedactedKey, REDACTED, scrubText } from './redaction';

const MAX_DEPTH = 6;

/**
 * A JSON-safe copy of an error's useful parts, with secrets scrubbed from its message and stack.
 * Other own fields (a body-parser error's `body`, a validation error's `value`) are left out:
 * they echo what the client sent.
 */
export function serializeError(error: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: scrubText(error.message) };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out['code'] = code;
  if (error.stack) out['stack'] = scrubText(error.stack);
  return out;
}

/** True for `{}`-style objects (not arrays, class instances with behaviour, dates, …). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Makes `value` safe for `JSON.stringify` and for the log: bigints become strings, errors become
 * plain objects, cycles and excessive depth are cut, sensitive keys are redacted and credentials
 * are scrubbed from text (see `redaction.ts`).
 */
export function toLoggable(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  try {
    // Serialised directly: an error's `name` is its class, not a person's name.
    if (value instanceof Error) return serializeError(value);
    if (Array.isArray(value)) return value.map((item) => toLoggable(item, depth + 1, seen));
    return loggableFields(value as Record<string, unknown>, depth + 1, seen);
  } finally {
    seen.delete(value);
  }
}

/** {@link toLoggable} applied to each own enumerable field of `fields`. */
export function loggableFields(
  fields: Record<string, unknown>,
  depth = 0,
  seen: WeakSet<object> = new WeakSet(),
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(fields)) {
    if (isRedactedKey(key)) {
      out[key] = REDACTED;
      continue;
    }
    const safe = toLoggable(raw, depth, seen);
    if (safe !== undefined) out[key] = safe;
  }
  return out;
}
