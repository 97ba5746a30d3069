import type { AgeBand } from '../reference/codes';

/** Visa types recorded with a `passport-visa` crossing (broad classes, comparable across countries). */
export const VISA_TYPES = ['tourist', 'business', 'work', 'study', 'family', 'transit', 'official', 'other'] as const;
export type VisaType = (typeof VISA_TYPES)[number];

/**
 * Travel documents a traveller reference can be derived from. `certificate-of-identity`: the
 * documents issued to migrant workers under the MOUs; `border-pass`: the border resident's pass.
 */
export const DOCUMENT_TYPES = [
  'passport',
  'border-pass',
  'certificate-of-identity',
  'national-id',
  'travel-document',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Age bands of a child (under 18): a child's crossing states who the child travels with. */
export const CHILD_AGE_BANDS: readonly AgeBand[] = ['0-4', '5-11', '12-17'];

export const isChild = (band: AgeBand): boolean => CHILD_AGE_BANDS.includes(band);

/** Oldest age accepted from a date of birth: beyond it the date is a typing error. */
export const MAX_AGE_YEARS = 120;

/**
 * Completed years of age on a day, both `YYYY-MM-DD`. A 29 February birthday counts from
 * 1 March in common years.
 */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The age band of an age in completed years. */
export function ageBandOf(age: number): AgeBand {
  if (age < 5) return '0-4';
  if (age < 12) return '5-11';
  if (age < 18) return '12-17';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 50) return '35-49';
  if (age < 65) return '50-64';
  return '65+';
}

/** Whether `YYYY-MM-DD` names a real calendar day. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The local calendar day of an ISO 8601 time that carries its offset (`…+07:00` is the post's
 * own day): the day an age band is computed for.
 */
export const localDay = (isoWithOffset: string): string => isoWithOffset.slice(0, 10);
