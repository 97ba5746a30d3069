import { countryOfCode } from '../principal/principal';

/** Health referrals that bring a screened traveller to quarantine staff. */
export const QUARANTINE_REFERRALS = ['quarantine', 'isolation'] as const;

/**
 * What a request touches, as far as access control needs to know it: the type and id of the
 * record (for the audit), the country it belongs to, and where that applies its point of entry,
 * centre, or the health referral it carries. Never a personal field.
 */
export interface Resource {
  readonly type: string;
  readonly id?: string;
  readonly country: string;
  readonly pointOfEntry?: string;
  readonly centre?: string;
  /** The outcome category of a decided screening (`quarantine`, `isolation`, …). */
  readonly healthReferral?: string;
}

/** A record of a point of entry: its country is the code's prefix. */
export function atPointOfEntry(type: string, id: string | undefined, pointOfEntry: string, extra: Partial<Resource> = {}): Resource {
  return { type, ...(id === undefined ? {} : { id }), ...extra, country: countryOfCode(pointOfEntry), pointOfEntry };
}
