import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openSqlite, SqliteEventStore } from '@border-ledger/event-store';
import { killAllServices, startService, waitUntil, type KafkaBrokerHandle } from '@border-ledger/testing';
import { printCase, startChecker } from './support/checker';
import type { KafkaProxy } from './support/kafka-proxy';
import { startProxiedBroker } from './support/proxied-broker';
import { faultTopic, numberedEvents, SequenceWriter } from './support/sequences';
import { rawDuplicates, readWire, recordsOnWire } from './support/wire';

/**
 * Case a: the relay service is SIGKILLed in the middle of a batch. "Middle" is made certain by a
 * proxy between the relay and the broker: it forwards the third produce request (the broker
 * stores the batch) and withholds the broker's acknowledgement, so the relay cannot have saved
 * that batch's checkpoint when it is killed. Checked after the kill: the checkpoint is the end of
 * batch two, the topic already holds batch three.
 */
describe('fault a: relay SIGKILLed between publishing a batch and saving its checkpoint', () => {
  const { topic, type } = faultTopic('a');
  const relayName = `fault-a-${randomUUID().slice(0, 8)}`;
  let broker: KafkaBrokerHandle;
  let proxy: KafkaProxy;
  let dir: string;
  let store: SqliteEventStore;
  let checker: Awaited<ReturnType<typeof startChecker>>;

  beforeAll(async () => {
    ({ broker, proxy } = await startProxiedBroker());
    dir = mkdtempSync(join(tmpdir(), 'bl-fault-a-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    checker = await startChecker([proxy.address], [topic]);
  }, 120_000);

  afterAll(async () => {
    await killAllServices();
    await checker?.close();
    await store?.close();
    await broker?.stop();
    await proxy?.close();
    for (const path of [dir, broker?.dir]) if (path) rmSync(path, { recursive: true, force: true });
  }, 60_000);

  const relayEnv = (): Record<string, string> => ({
    NODE_COUNTRY: 'TH',
    NODE_AGENCY: 'TH-IMM',
    DATA_DIR: dir,
    KAFKA_BROKERS: proxy.address,
    RELAY_NAME: relayName,
  });

  const savedCheckpoint = (): number => {
    const db = openSqlite(join(dir, 'relay.sqlite'), { readonly: true });
    try {
      const row = db.prepare('SELECT position FROM checkpoints WHERE name = ?').get(`relay:${relayName}`) as { position: number } | undefined;
      return row?.position ?? 0;
    } finally {
      db.close();
    }
  };

  it('republishes the interrupted batch after the restart; the consumer applies every event once, in order', async () => {
    const writer = new SequenceWriter(store, type, 20);
    await writer.append(50); // 1,000 events: the relay's batches of 256 end at 256, 512, 768, 1,000

    const withheld = proxy.withholdProduceResponses(2);
    let relay = await startService('relay', relayEnv());
    await withheld;
    await relay.kill();
    proxy.forwardAll();

    const checkpoint = savedCheckpoint();
    const onWire = await recordsOnWire([proxy.address], [topic]);
    // With the default batch of 256: checkpoint 512, 768 on the wire.
    expect(checkpoint).toBeGreaterThan(0); // earlier batches were acknowledged and checkpointed…
    expect(onWire).toBeGreaterThan(checkpoint); // …the batch in hand reached the broker, its checkpoint was never saved

    await writer.append(10); // the log keeps growing while the relay is down
    relay = await startService('relay', relayEnv());
    await writer.append(10);

    const expected = await numberedEvents(store, (t) => t === type);
    await waitUntil(() => checker.log.verdict(expected).lost === 0, 'the checker to apply every event', 90_000).catch(() => undefined);
    const verdict = checker.log.verdict(expected);
    const duplicates = rawDuplicates(await readWire([proxy.address], [topic]));
    printCase('a. relay SIGKILL mid-batch', verdict, duplicates, `killed with checkpoint ${checkpoint} and ${onWire} events on the wire`);

    expect(verdict).toEqual({ events: 1400, lost: 0, appliedTwice: 0, orderViolations: 0 });
    expect(duplicates).toBeGreaterThanOrEqual(onWire - checkpoint);
    expect(await relay.stop()).toEqual({ code: 0, signal: null });
  }, 240_000);
});
