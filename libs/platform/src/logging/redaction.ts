/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

// Compared after lower-casing and dropping "-" and "_": `x-api-key`, `date_of_birth`, `givenNames`.
const CREDENTIAL_KEYS = [
  'authorization', 'proxyauthorization', 'cookie', 'setcookie', 'password', 'passwd', 'passphrase', 'secret',
  'clientsecret', 'token', 'accesstoken', 'refreshtoken', 'idtoken', 'bearer', 'jwt', 'apikey', 'xapikey',
  'privatekey', 'credentials', 'hashkey', 'identityhashkey',
];
// Request payloads and the personal data a border post takes: documents, names, birth dates,
// officers' notes, sealed identities. Nationality, sex and age band are shared in clear by design.
const PERSONAL_KEYS = [
  'body', 'rawbody', 'requestbody', 'traveller', 'travellers', 'identity', 'document', 'documentnumber',
  'passport', 'passportno', 'passportnumber', 'nationalid', 'documentexpireson', 'name', 'fullname', 'givenname', 'givennames', 'firstname',
  'surname', 'lastname', 'familyname', 'dateofbirth', 'birthdate', 'dob', 'note', 'notes', 'phone', 'email', 'address',
];
const REDACTED_KEYS = new Set([...CREDENTIAL_KEYS, ...PERSONAL_KEYS]);

/** True for keys whose values never reach a log line, at any depth. */
export function isRedactedKey(key: string): boolean {
  return REDACTED_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

const TEXT_KEYS = [
  'password', 'passwd', 'secret', 'token', 'access_token', 'refresh_token', 'id_token', 'api_key', 'apikey',
  'documentNumber', 'dateOfBirth', 'name', 'givenNames', 'surname', 'note',
].join('|');

// Secrets recognisable in free text, e.g. an error message that echoes a header or a URL.
const TEXT_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Authorization schemes and their credentials; a credential has a digit or symbol, so the
  // English "the bearer of the passport" is left alone.
  [/\b(Bearer|Basic)\s+(?=[A-Za-z0-9\-._~+/]*[0-9\-._~+/=])[A-Za-z0-9\-._~+/]{6,}=*/gi, `$1 ${REDACTED}`],
  // A JWT anywhere (header.payload.signature, base64url, header starting with `{"`).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // user:password@ in connection strings and URLs.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${REDACTED}@`],
  // Sensitive fields echoed as JSON ("documentNumber": "…") or in query strings (token=…).
  [new RegExp(`("(?:${TEXT_KEYS})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1"${REDACTED}"`],
  [new RegExp(`(\\b(?:${TEXT_KEYS})=)[^\\s&;,]+`, 'gi'), `$1${REDACTED}`],
  // V8 quotes the text it failed to parse: `Unexpected token 'x', "{"documentNumber…" is not valid JSON`.
  [/(, )"[\s\S]*?"(?= is not valid JSON)/g, `$1"${REDACTED}"`],
];

/** `text` with bearer and basic credentials, JWTs, URL passwords and quoted JSON input removed. */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
