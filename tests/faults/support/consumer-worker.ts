/**
 * A consumer process built from the kafka lib, for fault c: applies numbered events into an
 * {@link AppliedLog} file through the inbox. With KILL_AFTER_BATCH=n it SIGKILLs itself right after
 * the n-th inbox transaction committed, before the consumer commits the batch's offset.
 * Env: KAFKA_BROKERS, TOPIC, GROUP_ID, DB_PATH, KILL_AFTER_BATCH (optional). One JSON line per
 * batch on stdout: { batch, events, applied, skipped }.
 */
import { openSqlite } from '@border-ledger/event-store';
import { createKafkaClient, KafkajsConsumerFactory, type Inbox } from '@border-ledger/kafka';
import { AppliedLog } from './checker';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const killAfter = Number(process.env['KILL_AFTER_BATCH'] ?? 0);
const log = new AppliedLog(openSqlite(env('DB_PATH')));
let batches = 0;

const killingInbox: Inbox = {
  applyBatchOnce(events, effect) {
    const applied = log.inbox.applyBatchOnce(events, effect); // committed when this returns
    batches += 1;
    process.stdout.write(`${JSON.stringify({ batch: batches, events: events.length, applied, skipped: events.length - applied })}\n`);
    if (batches === killAfter) process.kill(process.pid, 'SIGKILL'); // effect done, offset not committed
    return applied;
  },
};

const client = createKafkaClient({ brokers: env('KAFKA_BROKERS').split(','), clientId: 'fault-consumer-worker', log: () => undefined });
const consumer = new KafkajsConsumerFactory(client, { maxWaitTimeMs: 200, sessionTimeoutMs: 6000, heartbeatIntervalMs: 1000 }).create({
  groupId: env('GROUP_ID'),
  topics: [env('TOPIC')],
  inbox: killingInbox,
  apply: log.apply,
});

process.once('SIGTERM', () => {
  void consumer.stop().then(() => {
    log.db.close();
    process.exit(0);
  });
});
void consumer.start().then(() => process.stdout.write('{"ready":true}\n'));
