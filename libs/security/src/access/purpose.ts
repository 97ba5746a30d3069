/** The request header that states why a sensitive record is read. */
export const PURPOSE_HEADER = 'x-purpose-of-use';

/**
 * Stated purposes of use. A fixed vocabulary, not free text: free text in the audit stream could
 * carry the very personal data the stream must not hold.
 */
export const PURPOSES = [
  'border-control',
  'health-screening',
  'quarantine-care',
  'protection',
  'cross-border-coordination',
  'oversight',
  'data-subject-request',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}
