import { parseArgs } from 'node:util';
import { AGENCY_CODE, isRole, PLACE_CODE, ROLES } from '../principal/principal';
import { signToken } from '../token/sign-token';
import { edgeIssuer } from './edge-signing-key';

/** Where the edge node keeps its data and which agency it is, unless the environment says otherwise. */
export interface EdgeDefaults {
  readonly DATA_DIR: string;
  readonly NODE_AGENCY: string;
}

export const ISSUE_TOKEN_USAGE = `Issues an officer's token signed by this edge node's key.

  npm run -s token -- --role border-officer --point-of-entry TH-ARANYAPRATHET
  npm run -s token -- --role protection-officer --sub welfare-7 --agency TH-DSDW

  --role <role>            ${ROLES.join(', ')} (repeat for several)
  --point-of-entry <code>  where the roles apply (repeat); needed by border and port health officers
  --centre <code>          a quarantine centre (repeat)
  --sub <id>               the officer's id (default: <role>-demo); never a name
  --agency <code>          default NODE_AGENCY or the edge node's; any agency of the node's country
  --ttl <n>[m|h]           lifetime, at most 24h (default 8h)

Prints only the token: TOKEN=$(npm run -s token -- --role …), then curl -H "Authorization: Bearer $TOKEN".`;

/** What the command prints: the token on stdout, a note on stderr; or a usage error. */
export type IssueTokenResult = { readonly token: string; readonly note: string } | { readonly error: string };

/** Parses the command line and issues the token (the key is created on first use). */
export async function issueTokenCommand(argv: readonly string[], env: NodeJS.ProcessEnv, defaults: EdgeDefaults): Promise<IssueTokenResult> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        role: { type: 'string', multiple: true },
        'point-of-entry': { type: 'string', multiple: true },
        centre: { type: 'string', multiple: true },
        sub: { type: 'string' },
        agency: { type: 'string' },
        ttl: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { error: `${(error as Error).message}\n\n${ISSUE_TOKEN_USAGE}` };
  }
  if (values.help) return { error: ISSUE_TOKEN_USAGE };
  const roles = values.role ?? [];
  const agency = values.agency ?? env['NODE_AGENCY'] ?? defaults.NODE_AGENCY;
  const nodeAgency = env['NODE_AGENCY'] ?? defaults.NODE_AGENCY;
  const places = [...(values['point-of-entry'] ?? []), ...(values.centre ?? [])];
  const ttl = /^(\d{1,4})([mh]?)$/.exec(values.ttl ?? '8h');
  const ttlSeconds = ttl ? Number(ttl[1]) * (ttl[2] === 'h' ? 3600 : ttl[2] === 'm' ? 60 : 1) : NaN;
  const problem = problemWith(roles, agency, nodeAgency, places, ttlSeconds, values.sub);
  if (problem) return { error: `${problem}\n\n${ISSUE_TOKEN_USAGE}` };
  const issuer = edgeIssuer(env['DATA_DIR'] ?? defaults.DATA_DIR, nodeAgency, env);
  const sub = values.sub ?? `${roles[0]}-demo`;
  const pointsOfEntry = values['point-of-entry'] ?? [];
  const token = await signToken(
    { sub, agency, country: agency.slice(0, 2), roles, pointsOfEntry, centres: values.centre ?? [], azp: 'edge-cli' },
    { privateKey: issuer.privateKey, kid: issuer.kid, issuer: issuer.issuer, audience: issuer.audience, ttlSeconds },
  );
  const scoped = pointsOfEntry.length > 0 ? ` at ${pointsOfEntry.join(', ')}` : '';
  return { token, note: `token for ${sub} (${roles.join(', ')}, ${agency}${scoped}), valid ${values.ttl ?? '8h'}` };
}

function problemWith(roles: string[], agency: string, nodeAgency: string, places: string[], ttlSeconds: number, sub: string | undefined): string | null {
  const country = nodeAgency.slice(0, 2);
  if (roles.length === 0) return 'give at least one --role';
  const unknown = roles.find((role) => !isRole(role));
  if (unknown) return `unknown role ${unknown}`;
  if (!AGENCY_CODE.test(agency) || agency.slice(0, 2) !== country) return `--agency must be an agency of ${country}, like ${nodeAgency}`;
  const foreign = places.find((code) => !PLACE_CODE.test(code) || code.slice(0, 2) !== country);
  if (foreign) return `${foreign} is not a code of ${country}, like ${country}-ARANYAPRATHET`;
  if (!(ttlSeconds >= 60 && ttlSeconds <= 86_400)) return '--ttl must be from 1m to 24h';
  if (sub !== undefined && !/^[A-Za-z0-9._:@-]{1,128}$/.test(sub)) return '--sub must be an id of letters, digits, . _ : @ -';
  return null;
}
