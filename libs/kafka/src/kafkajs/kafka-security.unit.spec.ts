import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@border-ledger/platform';
import { kafkajsSecurityOptions, readKafkaSecurity } from './kafka-security';
import { selfSignedPair, writeFile, type PemPair } from './testing/pem-files';

let dir: string;
let ca: PemPair;
let client: PemPair;
let other: PemPair;
let passwordFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kafka-security-'));
  ca = selfSignedPair(dir, 'test-ca');
  client = selfSignedPair(dir, 'th-imm-relay');
  other = selfSignedPair(dir, 'someone-else');
  passwordFile = writeFile(dir, 'password', 'c0rrect horse\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pem = (path: string): string => readFileSync(path, 'utf8');
const scram = (extra: Record<string, string> = {}) => ({
  KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
  KAFKA_SASL_USERNAME: 'th-imm-relay',
  KAFKA_SASL_PASSWORD_FILE: passwordFile,
  ...extra,
});

describe('readKafkaSecurity', () => {
  it('is PLAINTEXT when nothing is set, and blank values count as unset', () => {
    expect(readKafkaSecurity({})).toEqual({});
    expect(readKafkaSecurity({ KAFKA_SASL_MECHANISM: ' ', KAFKA_SSL_CA_FILE: '' })).toEqual({});
    expect(kafkajsSecurityOptions({})).toEqual({});
  });

  it('reads SCRAM-SHA-512 with the password from a file, dropping only its final newline', () => {
    const security = readKafkaSecurity(scram());
    expect(security).toEqual({ sasl: { mechanism: 'SCRAM-SHA-512', username: 'th-imm-relay', password: 'c0rrect horse' } });
    expect(kafkajsSecurityOptions(security)).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'th-imm-relay', password: 'c0rrect horse' },
    });
  });

  it('accepts SCRAM-SHA-256 in any case and a password given inline', () => {
    const env = { KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'kh-imm-exchange', KAFKA_SASL_PASSWORD: 'pw' };
    expect(kafkajsSecurityOptions(readKafkaSecurity(env))).toEqual({
      sasl: { mechanism: 'scram-sha-256', username: 'kh-imm-exchange', password: 'pw' },
    });
  });

  it('maps a CA to one-way TLS that verifies the broker', () => {
    const security = readKafkaSecurity({ KAFKA_SSL_CA_FILE: ca.cert });
    expect(security).toEqual({ tls: { ca: pem(ca.cert), rejectUnauthorized: true } });
    expect(kafkajsSecurityOptions(security)).toEqual({ ssl: { ca: [pem(ca.cert)], rejectUnauthorized: true } });
  });

  it('maps CA, client certificate and key to mutual TLS, alongside SCRAM', () => {
    const env = scram({ KAFKA_SSL_CA_FILE: ca.cert, KAFKA_SSL_CERT_FILE: client.cert, KAFKA_SSL_KEY_FILE: client.key });
    expect(kafkajsSecurityOptions(readKafkaSecurity(env))).toEqual({
      ssl: { ca: [pem(ca.cert)], cert: pem(client.cert), key: pem(client.key), rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-512', username: 'th-imm-relay', password: 'c0rrect horse' },
    });
  });

  it('turns broker verification off only when told so explicitly', () => {
    const tls = (reject: string) => readKafkaSecurity({ KAFKA_SSL_CA_FILE: ca.cert, KAFKA_SSL_REJECT_UNAUTHORIZED: reject }).tls;
    expect(tls('false')?.rejectUnauthorized).toBe(false);
    expect(tls('FALSE')?.rejectUnauthorized).toBe(false);
    expect(tls('true')?.rejectUnauthorized).toBe(true);
  });

  const failures: Array<[string, () => Record<string, string>, RegExp]> = [
    ['a username without a mechanism', () => ({ KAFKA_SASL_USERNAME: 'u' }), /KAFKA_SASL_MECHANISM .* is required when KAFKA_SASL_USERNAME is set/],
    ['an unsupported mechanism', () => scram({ KAFKA_SASL_MECHANISM: 'PLAIN' }), /KAFKA_SASL_MECHANISM must be SCRAM-SHA-256 or SCRAM-SHA-512, got PLAIN/],
    ['a mechanism without a username', () => ({ KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256', KAFKA_SASL_PASSWORD: 'pw' }), /needs KAFKA_SASL_USERNAME/],
    ['a mechanism without a password', () => ({ KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256', KAFKA_SASL_USERNAME: 'u' }), /needs KAFKA_SASL_PASSWORD_FILE/],
    ['both password sources', () => scram({ KAFKA_SASL_PASSWORD: 'pw' }), /KAFKA_SASL_PASSWORD_FILE or KAFKA_SASL_PASSWORD, not both/],
    ['a missing password file', () => scram({ KAFKA_SASL_PASSWORD_FILE: join(dir, 'nope') }), /KAFKA_SASL_PASSWORD_FILE: cannot read .*nope \(ENOENT\)/],
    ['an empty password file', () => scram({ KAFKA_SASL_PASSWORD_FILE: writeFile(dir, 'empty', '\n') }), /KAFKA_SASL_PASSWORD_FILE: .*empty is empty/],
    ['a certificate without its key', () => ({ KAFKA_SSL_CA_FILE: ca.cert, KAFKA_SSL_CERT_FILE: client.cert }), /go together .*KAFKA_SSL_KEY_FILE is missing/],
    ['a key without its certificate', () => ({ KAFKA_SSL_CA_FILE: ca.cert, KAFKA_SSL_KEY_FILE: client.key }), /go together .*KAFKA_SSL_CERT_FILE is missing/],
    ['a client certificate without a CA', () => ({ KAFKA_SSL_CERT_FILE: client.cert, KAFKA_SSL_KEY_FILE: client.key }), /KAFKA_SSL_CA_FILE is required/],
    ['verification set without TLS', () => ({ KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' }), /KAFKA_SSL_REJECT_UNAUTHORIZED is set but TLS is off/],
    ['verification neither true nor false', () => ({ KAFKA_SSL_CA_FILE: ca.cert, KAFKA_SSL_REJECT_UNAUTHORIZED: 'no' }), /must be true or false, got no/],
    ['a CA file that is not PEM', () => ({ KAFKA_SSL_CA_FILE: passwordFile }), /KAFKA_SSL_CA_FILE: .*password holds no PEM certificate/],
    ['a key file holding a certificate', () => ({ KAFKA_SSL_CA_FILE: ca.cert, KAFKA_SSL_CERT_FILE: client.cert, KAFKA_SSL_KEY_FILE: client.cert }), /KAFKA_SSL_KEY_FILE: .* holds no PEM private key/],
    ['an encrypted key', () => ({ KAFKA_SSL_CA_FILE: ca.cert, KAFKA_SSL_CERT_FILE: client.cert, KAFKA_SSL_KEY_FILE: writeFile(dir, 'enc.key', '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA==\n-----END ENCRYPTED PRIVATE KEY-----\n') }), /is an encrypted key/],
    ['a key of another certificate', () => ({ KAFKA_SSL_CA_FILE: ca.cert, KAFKA_SSL_CERT_FILE: client.cert, KAFKA_SSL_KEY_FILE: other.key }), /someone-else.key is not the key of the certificate in .*th-imm-relay.crt/],
  ];

  it.each(failures)('refuses %s with a ConfigError naming the setting', (_, env, message) => {
    expect(() => readKafkaSecurity(env())).toThrow(ConfigError);
    expect(() => readKafkaSecurity(env())).toThrow(message);
  });

  it('never puts a secret into an error message', () => {
    const secretFile = writeFile(dir, 'not-a-ca', 'hunter2-secret');
    const keyEnv = { KAFKA_SSL_CA_FILE: ca.cert, KAFKA_SSL_CERT_FILE: client.cert, KAFKA_SSL_KEY_FILE: secretFile };
    for (const env of [{ KAFKA_SSL_CA_FILE: secretFile }, keyEnv]) {
      expect(() => readKafkaSecurity(env)).toThrow(ConfigError);
      try {
        readKafkaSecurity(env);
      } catch (error) {
        expect((error as Error).message).not.toContain('hunter2');
      }
    }
  });
});
