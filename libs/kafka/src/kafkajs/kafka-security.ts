import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { KafkaConfig } from 'kafkajs';
import { ConfigError } from '@border-ledger/platform';

/** SASL mechanisms accepted in `KAFKA_SASL_MECHANISM` (PLAIN would send the password itself). */
export const KAFKA_SASL_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** SASL/SCRAM credentials of this process's principal (`User:<username>` in ACLs). */
export interface KafkaSaslSettings {
  readonly mechanism: KafkaSaslMechanism;
  readonly username: string;
  readonly password: string;
}

/** TLS towards the brokers; with `cert` and `key`, mutual TLS. Values are PEM text, not paths. */
export interface KafkaTlsSettings {
  /** CA certificates that sign the brokers' certificates. */
  readonly ca: string;
  /** Client certificate chain, for mutual TLS. */
  readonly cert?: string;
  /** Private key of `cert` (unencrypted PEM). */
  readonly key?: string;
  /** Refuse brokers whose certificate does not verify (default true). */
  readonly rejectUnauthorized: boolean;
}

/** How a client authenticates to and encrypts towards Kafka; `{}` means PLAINTEXT. */
export interface KafkaSecurity {
  readonly sasl?: KafkaSaslSettings;
  readonly tls?: KafkaTlsSettings;
}

type Env = Readonly<Record<string, string | undefined>>;

const SASL_VARS = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD_FILE', 'KAFKA_SASL_PASSWORD'] as const;
const TLS_FILE_VARS = ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const;

/**
 * Reads Kafka security from the environment (see docs/configuration.md): SASL/SCRAM from
 * `KAFKA_SASL_MECHANISM`, `KAFKA_SASL_USERNAME` and `KAFKA_SASL_PASSWORD_FILE` (or
 * `KAFKA_SASL_PASSWORD`); TLS from `KAFKA_SSL_CA_FILE`, mutual TLS with `KAFKA_SSL_CERT_FILE`
 * and `KAFKA_SSL_KEY_FILE`; `KAFKA_SSL_REJECT_UNAUTHORIZED` (default true). Nothing set: `{}`.
 * @throws ConfigError naming the setting, for a half-configured or unreadable setup. Messages
 * name files, never their contents.
 */
export function readKafkaSecurity(env: Env): KafkaSecurity {
  const sasl = readSasl(env);
  const tls = readTls(env);
  return { ...(sasl ? { sasl } : {}), ...(tls ? { tls } : {}) };
}

/** The kafkajs `ssl` and `sasl` options of {@link KafkaSecurity}. */
export function kafkajsSecurityOptions(security: KafkaSecurity): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const { sasl, tls } = security;
  const options: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  if (tls) {
    options.ssl = {
      ca: [tls.ca],
      rejectUnauthorized: tls.rejectUnauthorized,
      ...(tls.cert !== undefined && tls.key !== undefined ? { cert: tls.cert, key: tls.key } : {}),
    };
  }
  if (sasl) {
    const { username, password } = sasl;
    options.sasl =
      sasl.mechanism === 'SCRAM-SHA-256'
        ? { mechanism: 'scram-sha-256', username, password }
        : { mechanism: 'scram-sha-512', username, password };
  }
  return options;
}

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function readSasl(env: Env): KafkaSaslSettings | undefined {
  const set = SASL_VARS.filter((name) => value(env, name) !== undefined);
  if (set.length === 0) return undefined;
  const mechanismText = value(env, 'KAFKA_SASL_MECHANISM');
  if (mechanismText === undefined) {
    throw new ConfigError(`KAFKA_SASL_MECHANISM (${KAFKA_SASL_MECHANISMS.join(' or ')}) is required when ${set.join(', ')} is set`);
  }
  const mechanism = KAFKA_SASL_MECHANISMS.find((m) => m === mechanismText.toUpperCase());
  if (!mechanism) {
    throw new ConfigError(`KAFKA_SASL_MECHANISM must be ${KAFKA_SASL_MECHANISMS.join(' or ')}, got ${mechanismText}`);
  }
  const username = value(env, 'KAFKA_SASL_USERNAME');
  if (username === undefined) throw new ConfigError(`KAFKA_SASL_MECHANISM=${mechanism} needs KAFKA_SASL_USERNAME`);
  return { mechanism, username, password: readPassword(env, mechanism) };
}

function readPassword(env: Env, mechanism: string): string {
  const file = value(env, 'KAFKA_SASL_PASSWORD_FILE');
  // Not trimmed: spaces may belong to the password (a blank value counts as unset).
  const inline = value(env, 'KAFKA_SASL_PASSWORD') === undefined ? undefined : env['KAFKA_SASL_PASSWORD'];
  // Two sources that could disagree are a mistake; which one wins would be a guess.
  if (file !== undefined && inline) {
    throw new ConfigError('Set KAFKA_SASL_PASSWORD_FILE or KAFKA_SASL_PASSWORD, not both (prefer the file)');
  }
  if (file !== undefined) {
    // Secret files usually end with a newline; only that is stripped, spaces may be part of it.
    const password = readText('KAFKA_SASL_PASSWORD_FILE', file).replace(/\r?\n$/, '');
    if (password === '') throw new ConfigError(`KAFKA_SASL_PASSWORD_FILE: ${file} is empty`);
    return password;
  }
  if (inline) return inline;
  throw new ConfigError(`KAFKA_SASL_MECHANISM=${mechanism} needs KAFKA_SASL_PASSWORD_FILE (or KAFKA_SASL_PASSWORD)`);
}

function readTls(env: Env): KafkaTlsSettings | undefined {
  const [caFile, certFile, keyFile] = TLS_FILE_VARS.map((name) => value(env, name));
  const reject = value(env, 'KAFKA_SSL_REJECT_UNAUTHORIZED');
  if (caFile === undefined && certFile === undefined && keyFile === undefined) {
    if (reject !== undefined) throw new ConfigError('KAFKA_SSL_REJECT_UNAUTHORIZED is set but TLS is off: set KAFKA_SSL_CA_FILE');
    return undefined;
  }
  if (caFile === undefined) {
    throw new ConfigError('KAFKA_SSL_CA_FILE is required for TLS (the CA that signs the brokers\' certificates)');
  }
  if ((certFile === undefined) !== (keyFile === undefined)) {
    const missing = certFile === undefined ? 'KAFKA_SSL_CERT_FILE' : 'KAFKA_SSL_KEY_FILE';
    throw new ConfigError(`KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together for mutual TLS: ${missing} is missing`);
  }
  if (reject !== undefined && !/^(true|false)$/i.test(reject)) {
    throw new ConfigError(`KAFKA_SSL_REJECT_UNAUTHORIZED must be true or false, got ${reject}`);
  }
  const ca = readPem('KAFKA_SSL_CA_FILE', caFile, /-----BEGIN CERTIFICATE-----/, 'certificate');
  const rejectUnauthorized = reject === undefined || reject.toLowerCase() === 'true';
  if (certFile === undefined || keyFile === undefined) return { ca, rejectUnauthorized };
  const cert = readPem('KAFKA_SSL_CERT_FILE', certFile, /-----BEGIN CERTIFICATE-----/, 'certificate');
  const key = readPem('KAFKA_SSL_KEY_FILE', keyFile, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'private key');
  checkKeyPair(cert, key, certFile, keyFile);
  return { ca, cert, key, rejectUnauthorized };
}

function readText(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError(`${variable}: cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
}

function readPem(variable: string, path: string, marker: RegExp, what: string): string {
  const text = readText(variable, path);
  if (!marker.test(text)) throw new ConfigError(`${variable}: ${path} holds no PEM ${what}`);
  if (/ENCRYPTED/.test(text)) throw new ConfigError(`${variable}: ${path} is an encrypted key; give an unencrypted one (mode 0600)`);
  return text;
}

// A key that does not belong to the certificate fails later as an obscure TLS alert.
function checkKeyPair(cert: string, key: string, certFile: string, keyFile: string): void {
  let matches: boolean;
  try {
    matches = new X509Certificate(cert).checkPrivateKey(createPrivateKey(key));
  } catch {
    throw new ConfigError(`KAFKA_SSL_CERT_FILE/KAFKA_SSL_KEY_FILE: ${certFile} or ${keyFile} cannot be parsed`);
  }
  if (!matches) throw new ConfigError(`KAFKA_SSL_KEY_FILE: ${keyFile} is not the key of the certificate in ${certFile}`);
}
