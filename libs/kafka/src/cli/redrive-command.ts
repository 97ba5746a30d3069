import { parseArgs } from 'node:util';
import type { DeadLetterRedrive, RedriveOptions, RedriveReport } from '../ports/dead-letter-redrive.port';
import { isEventTopic } from '../topics/topic-names';

export const REDRIVE_USAGE = `npm run -s dlq:redrive -- --topic <event topic> [--reason-prefix "apply failed"] [--dry-run] [--group <id>]
Sends records parked on <topic>.dlq back to <topic> once their cause is fixed (default: poison
events, reason "apply failed…"). Consumers deduplicate by event id. Brokers and security come from
KAFKA_BROKERS and the KAFKA_* security settings.`;

/** The options a command line asks for, or what is wrong with it. */
export function parseRedriveArgs(argv: readonly string[]): RedriveOptions | { readonly error: string } {
  let values: { topic?: string; 'reason-prefix'?: string; 'dry-run'?: boolean; group?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { topic: { type: 'string' }, 'reason-prefix': { type: 'string' }, 'dry-run': { type: 'boolean' }, group: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    return { error: `${(error as Error).message}\n${REDRIVE_USAGE}` };
  }
  if (values.help) return { error: REDRIVE_USAGE };
  if (!values.topic) return { error: `--topic is required\n${REDRIVE_USAGE}` };
  if (!isEventTopic(values.topic)) return { error: `--topic must be an event topic such as th.points-of-entry.events.v1, not ${JSON.stringify(values.topic)}` };
  return {
    topic: values.topic,
    ...(values['reason-prefix'] === undefined ? {} : { reasonPrefix: values['reason-prefix'] }),
    ...(values['dry-run'] ? { dryRun: true } : {}),
    ...(values.group === undefined ? {} : { groupId: values.group }),
  };
}

/** One line per skipped record and a summary, for an operator's terminal. */
export function formatRedriveReport(report: RedriveReport): string {
  const lines = report.skipped.map((s) => `skipped ${report.deadLetterTopic}@${s.offset}: ${s.why}`);
  const verb = report.dryRun ? 'would send back' : 'sent back';
  lines.push(`${report.deadLetterTopic}: read ${report.read}, ${verb} ${report.redriven}, skipped ${report.skipped.length}${report.dryRun ? ' (dry run: nothing sent, nothing remembered)' : ''}`);
  return lines.join('\n');
}

/** Parses, runs and reports; exit code 2 for a bad command line, 1 when the run fails. */
export async function redriveCommand(argv: readonly string[], redrive: () => DeadLetterRedrive): Promise<{ code: number; out: string }> {
  const options = parseRedriveArgs(argv);
  if ('error' in options) return { code: 2, out: options.error };
  try {
    return { code: 0, out: formatRedriveReport(await redrive().redrive(options)) };
  } catch (error) {
    return { code: 1, out: `redrive failed: ${(error as Error).message}` };
  }
}
