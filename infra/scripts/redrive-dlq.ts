// `npm run -s dlq:redrive -- --topic th.points-of-entry.events.v1 [--dry-run]`: sends parked poison
// events back to their topic once their cause is fixed (libs/kafka/src/cli/redrive-command.ts).
import { createKafkaClient, KafkajsDeadLetterRedrive, readKafkaSecurity, redriveCommand } from '@border-ledger/kafka';

const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',').map((b) => b.trim()).filter(Boolean);
void redriveCommand(process.argv.slice(2), () => {
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set');
  return new KafkajsDeadLetterRedrive(createKafkaClient({ brokers, clientId: 'dlq-redrive', security: readKafkaSecurity(process.env) }));
}).then(({ code, out }) => {
  (code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
  process.exit(code);
});
