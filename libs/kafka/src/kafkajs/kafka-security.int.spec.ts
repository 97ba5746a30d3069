import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventEnvelope } from '@border-ledger/event-store';
import { Conditions, storedEnvelopes, TestReadModel } from '../testing';
import { eventTopic, withDeadLetterTopics } from '../topics/topic-names';
import { createKafkaClient, type KafkaClient } from './kafka-client';
import { readKafkaSecurity } from './kafka-security';
import { KafkajsAdmin } from './kafkajs-admin';
import { KafkajsConsumerFactory } from './kafkajs-consumer-factory';
import { KafkajsPublisher } from './kafkajs-publisher';
import { selfSignedPair } from './testing/pem-files';
import { runRepoScript, startSecureBroker, type SecureBroker } from './testing/secure-broker';

// A broker of its own (SCRAM, mutual TLS, ACLs from infra/kafka/acls), not the shared PLAINTEXT one.
const USERS = ['th-imm-relay', 'th-imm-exchange', 'kh-imm-relay', 'kh-imm-exchange'];
const TH_TOPIC = eventTopic('TH', 'points-of-entry');
const TH_TO_KH_FEED = 'th.xb-th-kh-aranyaprathet-poipet.events.v1';
const TYPE = 'points-of-entry.crossing-recorded.v1';
const NOT_AUTHORISED = /Not authorized to access topics: \[Topic authorization failed\]/;

let broker: SecureBroker;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  broker = await startSecureBroker(USERS, { tls: true });
  await runRepoScript('infra/kafka/acls/apply-acls.sh', ['--bootstrap-server', broker.brokers[0]!, '--command-config', broker.adminConfig]);
}, 240_000);
afterEach(async () => {
  await Promise.allSettled(closers.splice(0).map((close) => close()));
});
afterAll(() => broker?.stop(), 60_000);

/** A client configured the way a service is: from KAFKA_* variables through readKafkaSecurity. */
function clientFromEnv(env: Record<string, string>, brokers = broker.brokers): KafkaClient {
  return createKafkaClient({
    brokers,
    clientId: `it-${env['KAFKA_SASL_USERNAME'] ?? 'tls'}`,
    retry: { retries: 2, initialRetryTimeMs: 100, maxRetryTimeMs: 500 },
    connectionTimeoutMs: 5000,
    security: readKafkaSecurity(env),
    log: () => undefined,
  });
}
const scram = (user: string, mechanism = 'SCRAM-SHA-512'): KafkaClient =>
  clientFromEnv({
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: user,
    KAFKA_SASL_PASSWORD_FILE: join(broker.secretsDir, `${user}.password`),
  });

function publisherOf(client: KafkaClient, topicFor?: () => string): KafkajsPublisher {
  const publisher = new KafkajsPublisher(client, { sendRetries: 1, ...(topicFor ? { topicFor } : {}) });
  closers.push(() => publisher.close());
  return publisher;
}

/** Consumes `topics` as an exchange would (ensuring them and their DLQs first); resolves with the model. */
async function consume(client: KafkaClient, groupId: string, topics: string[], expected: EventEnvelope[]): Promise<string[]> {
  const admin = new KafkajsAdmin(client);
  closers.push(() => admin.close());
  await admin.ensureTopics(withDeadLetterTopics(topics));
  const model = new TestReadModel(groupId);
  const conditions = new Conditions();
  const consumer = new KafkajsConsumerFactory(client, { maxWaitTimeMs: 200 }).create({
    groupId, topics, inbox: model.inbox, apply: model.apply, onProcessed: () => conditions.check(),
  });
  closers.push(async () => {
    await consumer.stop();
    model.close();
  });
  await consumer.start();
  await conditions.until(() => model.rows().length >= expected.length, { pollMs: 200 });
  return model.rows().map((row) => row.event_id);
}

describe('Kafka security against a broker with SASL/SCRAM, mutual TLS and the ACL plan', () => {
  it('lets the relay publish (SCRAM-SHA-512) and its exchange consume (SCRAM-SHA-256) with the right passwords', async () => {
    const events = await storedEnvelopes(TYPE, 3, 2);
    const relayAdmin = new KafkajsAdmin(scram('th-imm-relay'));
    closers.push(() => relayAdmin.close());
    expect(await relayAdmin.ensureTopics([TH_TOPIC])).toEqual([TH_TOPIC]);
    await publisherOf(scram('th-imm-relay')).publish(events);

    const read = await consume(scram('th-imm-exchange', 'SCRAM-SHA-256'), 'th-imm-exchange', [TH_TOPIC], events);
    expect(read.sort()).toEqual(events.map((e) => e.eventId).sort());
  });

  it('refuses a wrong password, an unknown user and a client that does not authenticate', async () => {
    const wrong = join(broker.secretsDir, 'wrong.password');
    writeFileSync(wrong, 'not-the-password\n', { mode: 0o600 });
    const attempts = [
      clientFromEnv({ KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'th-imm-relay', KAFKA_SASL_PASSWORD_FILE: wrong }),
      clientFromEnv({ KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256', KAFKA_SASL_USERNAME: 'th-imm-nobody', KAFKA_SASL_PASSWORD: 'x' }),
    ];
    for (const client of attempts) {
      const admin = client.kafka.admin();
      await expect(admin.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
      await admin.disconnect();
    }
    const anonymous = publisherOf(clientFromEnv({}));
    await expect(anonymous.publish(await storedEnvelopes(TYPE, 1, 1))).rejects.toThrow();
  });

  it("keeps a partner agency off another country's raw topic but lets it read the agreement's feed", async () => {
    const [event] = await storedEnvelopes(TYPE, 1, 1);
    await expect(publisherOf(scram('kh-imm-relay')).publish([event!])).rejects.toThrow(NOT_AUTHORISED);
    const partner = new KafkajsConsumerFactory(scram('kh-imm-exchange')).create({
      groupId: 'kh-imm-exchange', topics: [TH_TOPIC], inbox: new TestReadModel().inbox, apply: () => undefined,
    });
    closers.push(() => partner.stop());
    await expect(partner.start()).rejects.toThrow(NOT_AUTHORISED);

    const feed = await storedEnvelopes(TYPE, 2, 1);
    const provider = new KafkajsAdmin(scram('th-imm-exchange'));
    closers.push(() => provider.close());
    await provider.ensureTopics([TH_TO_KH_FEED]);
    await publisherOf(scram('th-imm-exchange'), () => TH_TO_KH_FEED).publish(feed);
    const read = await consume(scram('kh-imm-exchange'), 'kh-imm-exchange', [TH_TO_KH_FEED], feed);
    expect(read.sort()).toEqual(feed.map((e) => e.eventId).sort());
  });

  it('authenticates by client certificate over TLS (CN → principal) and refuses clients without a trusted one', async () => {
    const tls = (cert: string, key: string) =>
      clientFromEnv({ KAFKA_SSL_CA_FILE: join(broker.tlsDir, 'ca.crt'), KAFKA_SSL_CERT_FILE: cert, KAFKA_SSL_KEY_FILE: key }, broker.tlsBrokers);
    const [event] = await storedEnvelopes(TYPE, 1, 1);
    const relay = tls(join(broker.tlsDir, 'th-imm-relay.crt'), join(broker.tlsDir, 'th-imm-relay.key'));
    await publisherOf(relay).publish([event!]);
    // The partner's certificate is valid, but its principal may not write TH's topic.
    const partner = tls(join(broker.tlsDir, 'kh-imm-relay.crt'), join(broker.tlsDir, 'kh-imm-relay.key'));
    await expect(publisherOf(partner).publish([event!])).rejects.toThrow(NOT_AUTHORISED);

    const rogue = selfSignedPair(broker.tlsDir, 'th-imm-relay-rogue');
    const noCert = clientFromEnv({ KAFKA_SSL_CA_FILE: join(broker.tlsDir, 'ca.crt') }, broker.tlsBrokers);
    for (const client of [tls(rogue.cert, rogue.key), noCert]) {
      const admin = client.kafka.admin();
      await expect(admin.connect()).rejects.toThrow();
      await admin.disconnect();
    }
  });
});
