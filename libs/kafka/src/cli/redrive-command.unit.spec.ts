import type { DeadLetterRedrive, RedriveOptions } from '../ports/dead-letter-redrive.port';
import { parseRedriveArgs, redriveCommand } from './redrive-command';

const topic = 'th.points-of-entry.events.v1';

describe('dlq:redrive command line', () => {
  it('asks for the options it was given', () => {
    expect(parseRedriveArgs(['--topic', topic])).toEqual({ topic });
    expect(parseRedriveArgs(['--topic', topic, '--dry-run', '--reason-prefix', 'missing header', '--group', 'ops-1'])).toEqual({
      topic, dryRun: true, reasonPrefix: 'missing header', groupId: 'ops-1',
    });
  });

  it('refuses a missing or malformed topic and unknown options with the usage, exit code 2', async () => {
    for (const argv of [[], ['--topic', 'th.points-of-entry.events.v1.dlq'], ['--topic', 'nope'], ['--topic', topic, '--force']]) {
      const { code, out } = await redriveCommand(argv, () => {
        throw new Error('must not connect');
      });
      expect({ argv, code }).toEqual({ argv, code: 2 });
      expect(out).toContain('--topic');
    }
  });

  it('reports what was sent back and what was skipped, and a failed run with exit code 1', async () => {
    const seen: RedriveOptions[] = [];
    const fake: DeadLetterRedrive = {
      redrive: async (options) => {
        seen.push(options);
        return { deadLetterTopic: `${topic}.dlq`, dryRun: false, read: 3, redriven: 2, skipped: [{ offset: '4', why: 'no valid source topic' }] };
      },
    };
    const done = await redriveCommand(['--topic', topic], () => fake);
    expect(done).toEqual({ code: 0, out: `skipped ${topic}.dlq@4: no valid source topic\n${topic}.dlq: read 3, sent back 2, skipped 1` });
    expect(seen).toEqual([{ topic }]);
    const failing = await redriveCommand(['--topic', topic], () => ({ redrive: async () => Promise.reject(new Error('broker away')) }));
    expect(failing).toEqual({ code: 1, out: 'redrive failed: broker away' });
  });
});
