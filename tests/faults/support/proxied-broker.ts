import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachKafkaBroker, findRepoRoot, type KafkaBrokerHandle } from '@border-ledger/testing';
import { KafkaProxy } from './kafka-proxy';

/**
 * A broker of its own that advertises `proxy` as its address, so every client connection after
 * bootstrap (metadata, produce, fetch) goes through the proxy. Stopped when this process dies.
 */
export async function startProxiedBroker(): Promise<{ broker: KafkaBrokerHandle; proxy: KafkaProxy }> {
  const proxy = await KafkaProxy.listen();
  const dir = mkdtempSync(join(tmpdir(), 'kafka-proxied-'));
  const script = join(findRepoRoot(), 'infra/kafka/start.sh');
  const args = [script, '--dir', dir, '--owner-pid', String(process.pid), '--advertised', proxy.address];
  await new Promise<void>((resolve, reject) =>
    execFile('bash', args, (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve())),
  );
  const broker = attachKafkaBroker(dir);
  proxy.forwardTo(broker.brokers[0]);
  return { broker, proxy };
}
