import { AGENCY_CODE, countryOfCode, isRole, PLACE_CODE, type Principal } from './principal';

/** The claims Border Ledger reads from a verified token, besides the registered ones. */
export interface BorderLedgerClaims {
  readonly sub?: unknown;
  readonly iss?: unknown;
  readonly agency?: unknown;
  readonly country?: unknown;
  readonly roles?: unknown;
  readonly pointsOfEntry?: unknown;
  readonly centres?: unknown;
  readonly azp?: unknown;
  readonly client_id?: unknown;
}

/** Why claims were refused; the verifier answers 401 `claims-invalid` with it in the audit only. */
export class ClaimsError extends Error {
  constructor(readonly claim: string, message: string) {
    super(message);
    this.name = 'ClaimsError';
  }
}

const SUBJECT = /^[^\p{Cc}\s]{1,128}$/u;
const CLIENT_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const MAX_PLACES = 200;

/**
 * True when `agency` is allowed by one of an issuer's agency patterns: an exact code (`TH-IMM`)
 * or every agency of a country (`TH-*`).
 */
export function agencyAllowed(agency: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('-*') ? countryOfCode(agency) === p.slice(0, 2) : p === agency));
}

/**
 * The principal of verified claims. Unknown roles are dropped (an identity provider serves other
 * systems too); anything inconsistent — an agency the issuer may not speak for, a country that is
 * not the agency's, a point of entry or centre of another country — refuses the whole token.
 * @throws {@link ClaimsError}
 */
export function principalFromClaims(claims: BorderLedgerClaims, agencyPatterns: readonly string[]): Principal {
  const subject = text(claims.sub, 'sub', SUBJECT);
  const issuer = text(claims.iss, 'iss', /^.{1,512}$/);
  const agency = text(claims.agency, 'agency', AGENCY_CODE);
  if (!agencyAllowed(agency, agencyPatterns)) throw new ClaimsError('agency', `issuer may not issue tokens for ${agency}`);
  const country = text(claims.country, 'country', /^[A-Z]{2}$/);
  if (country !== countryOfCode(agency)) throw new ClaimsError('country', 'country is not the agency country');
  const roles = list(claims.roles, 'roles', /^.{1,64}$/, false).filter(isRole);
  const places = (name: string, value: unknown): string[] => {
    const codes = list(value, name, PLACE_CODE, true);
    if (codes.some((code) => countryOfCode(code) !== country)) throw new ClaimsError(name, `${name} must be of the agency country`);
    return codes;
  };
  const client = claims.azp ?? claims.client_id;
  return {
    subject,
    issuer,
    agency,
    country,
    roles: [...new Set(roles)],
    pointsOfEntry: [...new Set(places('pointsOfEntry', claims.pointsOfEntry))],
    centres: [...new Set(places('centres', claims.centres))],
    clientId: client === undefined ? null : text(client, 'azp', CLIENT_ID),
  };
}

function text(value: unknown, claim: string, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw new ClaimsError(claim, `${claim} is missing or malformed`);
  return value;
}

function list(value: unknown, claim: string, pattern: RegExp, optional: boolean): string[] {
  if (value === undefined && optional) return [];
  if (!Array.isArray(value) || value.length > MAX_PLACES) throw new ClaimsError(claim, `${claim} must be an array`);
  return value.map((item) => text(item, claim, pattern));
}
