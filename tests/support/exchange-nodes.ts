import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { sharedTestIdentityProvider, startService, type ServiceProcess } from '@border-ledger/testing';

/** One agency of the test: its key pair and where its node keeps its files. */
export interface Agency {
  readonly country: string;
  readonly agency: string;
  readonly dir: string;
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  /** The node's traveller hash key: the same across restarts. */
  readonly hashKey: string;
}

export function agency(root: string, country: string, code: string): Agency {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const dir = join(root, code);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'signing.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return { country, agency: code, dir, privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), hashKey: randomBytes(32).toString('base64') };
}

/**
 * Writes what the two agencies exchanged out of band (each other's public key, and a secret per
 * agreement) and starts an edge node for `self`, linked to the broker for the exchange.
 */
export async function startExchangeNode(
  self: Agency,
  partners: readonly Agency[],
  secrets: Record<string, string>,
  brokers: string,
  extra: Record<string, string> = {},
): Promise<ServiceProcess> {
  return startService('edge-node', {
    NODE_COUNTRY: self.country,
    NODE_AGENCY: self.agency,
    DATA_DIR: join(self.dir, 'data'),
    DEMO_SEED: 'off',
    IDENTITY_HASH_KEY: self.hashKey,
    EXCHANGE_KAFKA_BROKERS: brokers,
    ...exchangeFiles(self, partners, secrets),
    ...extra,
  });
}

/**
 * Writes what an agency's exchange reads at start (the partners' public keys, a secret per
 * agreement; its signing key is written by {@link agency}) and returns the settings naming them.
 */
export function exchangeFiles(self: Agency, partners: readonly Agency[], secrets: Record<string, string>): Record<string, string> {
  writeFileSync(join(self.dir, 'trust.json'), JSON.stringify({ partners: partners.map((p) => ({ agency: p.agency, country: p.country, publicKeyPem: p.publicKeyPem })) }));
  writeFileSync(join(self.dir, 'secrets.json'), JSON.stringify(secrets));
  return {
    EXCHANGE_SIGNING_KEY_FILE: join(self.dir, 'signing.pem'),
    EXCHANGE_TRUST_LIST_FILE: join(self.dir, 'trust.json'),
    EXCHANGE_AGREEMENT_SECRETS_FILE: join(self.dir, 'secrets.json'),
    EXCHANGE_CHECKPOINT_INTERVAL_SECONDS: '1',
  };
}

/** Tokens of an agency's people, trusted by every node `startService` starts. */
export function people(of: Agency, pointsOfEntry: string[]) {
  const idp = sharedTestIdentityProvider();
  const claims = (roles: string[]) => ({ sub: `${of.agency.toLowerCase()}-${roles[0]}`, agency: of.agency, country: of.country, roles, pointsOfEntry });
  return {
    officer: () => idp.headers(claims(['border-officer']) as never),
    admin: () => idp.headers(claims(['administrator']) as never),
    coordinator: () => idp.headers(claims(['cross-border-coordinator']) as never),
    protection: () => idp.headers(claims(['protection-officer']) as never, 'protection'),
  };
}

/** A record exactly as it is on the wire. */
export interface WireRecord {
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

/** Reads a topic from offset zero until `done` holds (or the timeout passes). */
export async function readWire(brokers: string, topic: string, done: (records: WireRecord[]) => boolean, timeoutMs = 30_000): Promise<WireRecord[]> {
  const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'wire-reader', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `wire-reader-${randomUUID()}` });
  const records: WireRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const timer = setTimeout(() => finish(), timeoutMs);
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        records.push({ offset: message.offset, key: message.key ? message.key.toString() : null, value: message.value ?? Buffer.alloc(0), headers });
        if (done(records)) finish();
      },
    });
    if (done(records)) finish();
    await finished;
    clearTimeout(timer);
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/** Publishes raw bytes to a topic (an attacker, or a broken partner). */
export async function publishWire(brokers: string, topic: string, messages: { key: string; value: Buffer }[]): Promise<void> {
  const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'wire-writer', logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}
