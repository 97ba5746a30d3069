import { testClient, uniqueContext } from '../testing';
import { withDeadLetterTopics } from '../topics/topic-names';
import { KafkajsAdmin } from './kafkajs-admin';

/**
 * Services of one node start together on a fresh cluster and ensure overlapping topics (the
 * quarantine and referrals services both consume the points-of-entry topic). Whoever loses the
 * creation race must still return only once every topic it asked for has its leaders: a consumer
 * subscribes right after, and a topic without metadata yet crashed it at start-up.
 */
describe('KafkajsAdmin.ensureTopics on a fresh cluster, from several processes at once', () => {
  const admins: KafkajsAdmin[] = [];
  afterAll(() => Promise.all(admins.map((admin) => admin.close())));
  const admin = (): KafkajsAdmin => {
    const created = new KafkajsAdmin(testClient().client);
    admins.push(created);
    return created;
  };

  it('returns to every caller only when all the topics it asked for have a leader on every partition', async () => {
    const [a, b, c] = [admin(), admin(), admin()];
    // Each checks its own topics the moment its ensureTopics resolves, as a consumer would subscribe
    // (with a client of its own: a kafkajs client refreshes the metadata of every topic it knows).
    const ready = async (admin: KafkajsAdmin, topics: string[]): Promise<boolean> => {
      await admin.ensureTopics(topics);
      const check = testClient().client.kafka.admin();
      await check.connect();
      try {
        const { topics: metadata } = await check.fetchTopicMetadata({ topics });
        return metadata.length === topics.length && metadata.every((t) => t.partitions.length === 3 && t.partitions.every((p) => p.leader >= 0));
      } finally {
        await check.disconnect();
      }
    };
    for (let round = 0; round < 5; round += 1) {
      const shared = uniqueContext().topic;
      const own = uniqueContext().topic;
      const asked = { a: withDeadLetterTopics([shared]), b: withDeadLetterTopics([shared, own]), c: withDeadLetterTopics([own]) };
      expect(await Promise.all([ready(a, asked.a), ready(b, asked.b), ready(c, asked.c)])).toEqual([true, true, true]);
    }
  }, 60_000);
});
