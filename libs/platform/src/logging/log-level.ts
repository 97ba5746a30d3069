/** Threshold names accepted in `LOG_LEVEL`. */
export type LogLevelName = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Levels a line can carry (`fatal` is filtered like `error`). */
export type LineLevel = 'debug' | 'info' | 'warn' | 'error' | 'fatal';

const SEVERITY: Record<LogLevelName | LineLevel, number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  fatal: 40,
  silent: Number.POSITIVE_INFINITY,
};

/** The default threshold when `LOG_LEVEL` is unset or unrecognised. */
export const DEFAULT_LOG_LEVEL: LogLevelName = 'info';

/** Parses a `LOG_LEVEL` value (case-insensitive), falling back to {@link DEFAULT_LOG_LEVEL}. */
export function parseLogLevel(value: string | undefined): LogLevelName {
  const normalised = value?.trim().toLowerCase();
  switch (normalised) {
    case 'debug':
    case 'info':
    case 'warn':
    case 'error':
    case 'silent':
      return normalised;
    default:
      return DEFAULT_LOG_LEVEL;
  }
}

/** True when a line at `line` passes the `threshold`. */
export function isLevelEnabled(threshold: LogLevelName, line: LineLevel): boolean {
  return SEVERITY[line] >= SEVERITY[threshold];
}
