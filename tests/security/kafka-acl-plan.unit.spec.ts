import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { eventTopic } from '@border-ledger/kafka';

interface Grant {
  readonly principal: string;
  readonly resource: 'topic' | 'group' | 'cluster';
  readonly pattern: string;
  readonly name: string;
  readonly operations: readonly string[];
}

/** The ACL plan as `apply-acls.sh --dry-run` checks and prints it (the lines it would apply). */
function plan(): Grant[] {
  const root = join(__dirname, '..', '..');
  const out = execFileSync('bash', [join(root, 'infra/kafka/acls/apply-acls.sh'), '--dry-run'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const principal = /--allow-principal User:(\S+)/.exec(line)?.[1] ?? '';
      const pattern = /--resource-pattern-type (\S+)/.exec(line)?.[1] ?? '';
      const [, resource, name] = /--(topic|group) (\S+)/.exec(line) ?? [undefined, 'cluster', 'kafka-cluster'];
      const operations = [...line.matchAll(/--operation (\S+)/g)].map((m) => m[1]);
      return { principal, resource: resource as Grant['resource'], pattern, name: name!, operations };
    });
}

const TH = (context: string): string => eventTopic('TH', context);
const dlq = (topic: string): string => `${topic}.dlq`;

/**
 * What the distributed TH-IMM node needs on Kafka, from the services' compositions
 * (`services/<name>/src/main.ts`): each log's relay writes its context's topic; each consumer
 * reads its topics in its default group and parks dead letters beside them.
 */
const RELAYS: Record<string, string> = {
  [TH('points-of-entry')]: 'th-imm-relay',
  [TH('quarantine')]: 'th-imm-quarantine-relay',
  [TH('referrals')]: 'th-imm-referrals-relay',
  [TH('exchange')]: 'th-imm-exchange-relay',
};
const CONSUMERS = [
  { principal: 'th-imm-exchange', groups: ['th-imm-exchange', 'th-imm-exchange-outgoing'], topics: [TH('points-of-entry'), TH('referrals'), TH('exchange')] },
  { principal: 'th-imm-quarantine', groups: ['th-quarantine-admissions'], topics: [TH('points-of-entry'), TH('quarantine')] },
  { principal: 'th-imm-referrals', groups: ['th-referrals-from-flags'], topics: [TH('points-of-entry')] },
];

describe('the Kafka ACL plan (infra/kafka/acls)', () => {
  const grants = plan();
  const literal = (resource: Grant['resource'], name: string) => grants.filter((g) => g.resource === resource && g.pattern === 'literal' && g.name === name);
  const holders = (resource: Grant['resource'], name: string, operation: string) =>
    literal(resource, name).filter((g) => g.operations.includes(operation)).map((g) => g.principal).sort();

  it("gives each of a node's event topics exactly one writer: the relay of the log that holds its events", () => {
    const nodeTopics = [...new Set(grants.filter((g) => g.resource === 'topic' && /^[a-z]{2}\.(?!shared-|xb-)[a-z-]+\.events\.v1$/.test(g.name)).map((g) => g.name))];
    expect(nodeTopics).toEqual(expect.arrayContaining(Object.keys(RELAYS)));
    for (const topic of nodeTopics) {
      const writers = holders('topic', topic, 'Write');
      expect({ topic, writers }).toEqual({ topic, writers: [expect.stringMatching(new RegExp(`^${topic.slice(0, 2)}-[a-z]+-(?:[a-z]+-)?relay$`))] });
    }
    for (const [topic, relay] of Object.entries(RELAYS)) {
      expect({ topic, writers: holders('topic', topic, 'Write') }).toEqual({ topic, writers: [relay] });
      expect(literal('topic', topic).find((g) => g.principal === relay)?.operations).toEqual(['Write', 'Describe', 'Create']);
    }
  });

  it('lets each consumer read its topics in its own groups, and park dead letters beside them', () => {
    for (const { principal, groups, topics } of CONSUMERS) {
      for (const topic of topics) {
        expect({ principal, topic, ops: literal('topic', topic).find((g) => g.principal === principal)?.operations }).toEqual({ principal, topic, ops: ['Read', 'Describe', 'Create'] });
        expect({ principal, topic: dlq(topic), ops: literal('topic', dlq(topic)).find((g) => g.principal === principal)?.operations }).toEqual({ principal, topic: dlq(topic), ops: ['Write', 'Describe', 'Create'] });
      }
      for (const group of groups) {
        // One service per group: another principal in it would take its partitions.
        expect({ group, readers: holders('group', group, 'Read') }).toEqual({ group, readers: [principal] });
      }
    }
  });

  it("lets only the agency's operators read dead letters, and watch every consumer group", () => {
    const readers = grants.filter((g) => g.resource === 'topic' && g.name.endsWith('.dlq') && g.operations.includes('Read')).map((g) => g.principal);
    expect(new Set(readers)).toEqual(new Set(['th-imm-ops', 'kh-imm-ops']));
    for (const group of CONSUMERS.flatMap((c) => c.groups)) expect(holders('group', group, 'Describe')).toContain('th-imm-ops');
    for (const topic of Object.keys(RELAYS)) expect(holders('topic', dlq(topic), 'Read')).toEqual(['th-imm-ops']);
  });
});
