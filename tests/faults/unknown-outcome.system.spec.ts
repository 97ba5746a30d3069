import { rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { openSqlite, SqliteCheckpointStore, SqliteEventStore } from '@border-ledger/event-store';
import { createKafkaClient, KafkajsPublisher, Relay, type KafkaLogEntry } from '@border-ledger/kafka';
import { waitUntil, type KafkaBrokerHandle } from '@border-ledger/testing';
import { printCase, startChecker } from './support/checker';
import type { KafkaProxy } from './support/kafka-proxy';
import { startProxiedBroker } from './support/proxied-broker';
import { faultTopic, numberedEvents, SequenceWriter } from './support/sequences';
import { rawDuplicates, readWire } from './support/wire';

const RECREATED = 'send failed with an unknown outcome; the producer will be re-created';

/**
 * Case d: a produce request whose outcome the client never learns. The proxy forwards it (the
 * broker stores the batch) and withholds the answer, and the answers to the client's retries of
 * it, until the publisher gives up after its request timeouts and re-creates its producer. The
 * new producer (a new producer id, so the broker cannot recognise the batch) publishes it again:
 * a duplicate on the wire, which the consumer's inbox must absorb.
 */
describe('fault d: a produce request times out with an unknown outcome', () => {
  const { topic, type } = faultTopic('d');
  const logs: KafkaLogEntry[] = [];
  let broker: KafkaBrokerHandle;
  let proxy: KafkaProxy;
  let store: SqliteEventStore;
  let checker: Awaited<ReturnType<typeof startChecker>>;
  let publisher: KafkajsPublisher;
  let relay: Relay;

  beforeAll(async () => {
    ({ broker, proxy } = await startProxiedBroker());
    store = new SqliteEventStore({ path: ':memory:', pollIntervalMs: 50 });
    checker = await startChecker([proxy.address], [topic]);
    const client = createKafkaClient({
      brokers: [proxy.address],
      clientId: `fault-d-${randomUUID().slice(0, 8)}`,
      requestTimeoutMs: 4000, // the client's patience with one request
      retry: { retries: 1, initialRetryTimeMs: 100, maxRetryTimeMs: 500 },
      log: (entry) => {
        logs.push(entry);
        // The old producer is gone: let the broker's answers through again for the new one.
        if (entry.msg === RECREATED) proxy.forwardAll();
      },
    });
    publisher = new KafkajsPublisher(client, { sendRetries: 1 });
    relay = new Relay({
      name: 'fault-d',
      store,
      checkpoints: new SqliteCheckpointStore(openSqlite(':memory:')),
      publisher,
      batchSize: 100,
      retryDelayMs: 100,
      maxRetryDelayMs: 1000,
    });
  }, 120_000);

  afterAll(async () => {
    await relay?.stop();
    await publisher?.close();
    await checker?.close();
    await store?.close();
    await broker?.stop();
    await proxy?.close();
    if (broker) rmSync(broker.dir, { recursive: true, force: true });
  }, 60_000);

  it('re-creates the producer, republishes the batch, and the consumer applies it once', async () => {
    const writer = new SequenceWriter(store, type, 10);
    await writer.append(30); // 300 events: batches of 100

    const withheld = proxy.withholdProduceResponses(1); // batch two is stored but never acknowledged
    await relay.start();
    await withheld;
    await waitUntil(() => logs.some((entry) => entry.msg === RECREATED), 'the publisher to give up and re-create its producer');
    await writer.append(10);

    const expected = await numberedEvents(store, (t) => t === type);
    await waitUntil(() => relay.position() === expected.length, 'the relay to publish everything', 60_000);
    await waitUntil(() => checker.log.verdict(expected).lost === 0, 'the checker to apply every event', 60_000).catch(() => undefined);
    const verdict = checker.log.verdict(expected);
    const duplicates = rawDuplicates(await readWire([proxy.address], [topic]));
    printCase('d. produce timed out, outcome unknown', verdict, duplicates, `${proxy.withheld} produce responses withheld`);

    expect(verdict).toEqual({ events: 400, lost: 0, appliedTwice: 0, orderViolations: 0 });
    expect(duplicates).toBe(100); // exactly the batch whose acknowledgement was lost
    expect(logs.filter((entry) => entry.msg === RECREATED)).toHaveLength(1);
  }, 180_000);
});
