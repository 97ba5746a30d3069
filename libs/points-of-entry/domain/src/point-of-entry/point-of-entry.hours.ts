import { assertNever } from '../shared/rule-violation';

/** Days of the week, Monday first (ISO 8601). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One day's opening, in the post's local time: `HH:MM`, closing after opening (`24:00` allowed). */
export interface DayHours {
  readonly opens: string;
  readonly closes: string;
}

/**
 * When a point of entry is open: around the clock, or per weekday (`null`: closed that day; a
 * post may be closed every day, as many were during the pandemic).
 */
export type OpeningHours =
  | { readonly kind: '24h' }
  | { readonly kind: 'weekly'; readonly days: { readonly [D in Weekday]: DayHours | null } };

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** Why these hours cannot be right, or null when they are consistent. */
export function hoursProblem(hours: OpeningHours): string | null {
  switch (hours.kind) {
    case '24h':
      return null;
    case 'weekly':
      for (const day of WEEKDAYS) {
        const open = hours.days[day];
        if (open === null) continue;
        if (!TIME.test(open.opens)) return `${day}: opens must be HH:MM`;
        if (!TIME.test(open.closes) && open.closes !== '24:00') return `${day}: closes must be HH:MM or 24:00`;
        if (open.closes <= open.opens) return `${day}: closes must be after opens`;
      }
      return null;
    default:
      return assertNever(hours);
  }
}

/** Same hours, whatever the key order of the objects that carry them. */
export function sameHours(a: OpeningHours, b: OpeningHours): boolean {
  if (a.kind === '24h' || b.kind === '24h') return a.kind === b.kind;
  return WEEKDAYS.every((day) => {
    const x = a.days[day];
    const y = b.days[day];
    return x === null || y === null ? x === y : x.opens === y.opens && x.closes === y.closes;
  });
}

/** Every day the same hours. */
export function dailyHours(opens: string, closes: string): OpeningHours {
  const day = { opens, closes };
  return { kind: 'weekly', days: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day } };
}
