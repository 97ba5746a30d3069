/** The roles of Border Ledger (docs/adr/0007-access-control.md). Anything else in a token is ignored. */
export const ROLES = [
  'border-officer',
  'port-health-officer',
  'quarantine-staff',
  'protection-officer',
  'cross-border-coordinator',
  'auditor',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

/** `TH-IMM`: the country of the agency, a dash, its name. */
export const AGENCY_CODE = /^[A-Z]{2}-[A-Z0-9-]{2,30}$/;
/** `TH-ARANYAPRATHET`, `TH-QC-SAKAEO`: a point of entry or a centre, prefixed by its country. */
export const PLACE_CODE = /^[A-Z]{2}-[A-Z0-9-]{2,40}$/;

/**
 * Who is calling, as established from a verified token: an officer of an agency of a country,
 * with roles, and the points of entry or centres the roles apply to.
 */
export interface Principal {
  /** The token's `sub`: the identity provider's id of the officer (never a name). */
  readonly subject: string;
  readonly issuer: string;
  readonly agency: string;
  /** ISO 3166-1 alpha-2; always the agency's own country. */
  readonly country: string;
  readonly roles: readonly Role[];
  readonly pointsOfEntry: readonly string[];
  readonly centres: readonly string[];
  /** The client application (`azp` or `client_id`), when the token names one. */
  readonly clientId: string | null;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The country prefix of an agency, point of entry or centre code (`TH-IMM` → `TH`). */
export function countryOfCode(code: string): string {
  return code.slice(0, 2);
}
