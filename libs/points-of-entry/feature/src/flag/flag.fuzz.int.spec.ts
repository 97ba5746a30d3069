import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { EventStore, SqliteDatabase } from '@border-ledger/event-store';
import type { TestApp } from '@border-ledger/testing';
import { startSqliteTestNode, type SqliteTestNode } from '../testing/sqlite-node.test-app';
import { FlagModule } from './flag.module';

const detection = { kind: 'irregular-detection', id: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6' };
const valid = { subject: detection, pointOfEntry: 'TH-MAESOT', indicators: ['deception'], observedAt: '2026-11-23T15:40:00+07:00', note: 'kept here' };

/** Values no field accepts; optional fields also accept null, so they get these without it. */
const junk = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const junkNotNull = junk.filter((v) => v !== null);
const noteJunk = fc.oneof(junkNotNull.filter((v) => typeof v !== 'string'), fc.constant(''), fc.constant('x'.repeat(2001)));
/** Header values that are not a valid idempotency key or revision (fetch trims them). */
const badHeader = fc.string({ minLength: 1 }).filter((s) => !/^[A-Za-z0-9._:-]{8,128}$/.test(s.trim()) && !/\d/.test(s));

describe('trafficking flags: fuzz of every endpoint', () => {
  let node: SqliteTestNode;
  let api: TestApp;
  let store: EventStore;
  let db: SqliteDatabase;
  let flagId: string;

  beforeAll(async () => {
    node = await startSqliteTestNode('bl-flags-fuzz-', { serviceName: 'flags-fuzz', modules: [FlagModule] });
    ({ api, store, readModel: db } = node);
    flagId = ((await api.request('POST', '/flags', valid)).body as { flagId: string }).flagId;
  });
  afterAll(() => node.close());

  const notes = (): number => (db.prepare('SELECT COUNT(*) AS n FROM poe_flag_notes').get() as { n: number }).n;
  async function expectNothingStored(run: () => Promise<void>): Promise<void> {
    const head = await store.headPosition();
    const before = notes();
    await run();
    expect(await store.headPosition()).toBe(head);
    expect(notes()).toBe(before);
  }
  const is4xx = (status: number): void => {
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  };

  it('POST /flags: any invalid field, unknown field or malformed JSON gets 4xx', async () => {
    const patch = fc.oneof(
      fc.record({ flagId: junkNotNull }, { requiredKeys: [] }),
      fc.record({ subject: fc.oneof(junk, fc.record({ kind: junk, id: fc.constant(detection.id) }), fc.record({ kind: fc.constant('crossing'), id: junk })) }),
      fc.record({ pointOfEntry: junk }),
      fc.record({ indicators: fc.oneof(junk, fc.constant([]), fc.constant(['deception', 'deception'])) }),
      fc.record({ observedAt: fc.oneof(junk, fc.constant('2026-11-23T15:40:00')) }),
      fc.record({ note: noteJunk }),
      fc.record({ extra: junk }),
    );
    await expectNothingStored(async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(patch, { minLength: 1, maxLength: 3 }), async (patches) => {
          const body = Object.assign({ ...valid, flagId: randomUUID() }, ...patches.filter((p) => Object.keys(p).length > 0));
          if (!patches.some((p) => Object.keys(p).length > 0)) body.extra = 1;
          is4xx((await api.request('POST', '/flags', body)).status);
        }),
        { numRuns: 150 },
      );
      for (const raw of ['{', '[]', '"text"', 'null', '{"subject":']) is4xx((await api.request('POST', '/flags', raw)).status);
    });
  });

  it('POST /flags: a bad Idempotency-Key gets 400 even with a valid body', async () => {
    await expectNothingStored(() =>
      fc.assert(
        fc.asyncProperty(badHeader, async (key) => {
          expect((await api.request('POST', '/flags', valid, { 'idempotency-key': key })).status).toBe(400);
        }),
        { numRuns: 40 },
      ),
    );
  });

  it('POST /flags/:id/indicators, /close and /withdraw: invalid bodies and headers get 4xx', async () => {
    const edit = fc.oneof(
      fc.record({ path: fc.constant('indicators'), body: fc.oneof(fc.record({ indicators: fc.oneof(junk, fc.constant([])) }), fc.record({ indicators: fc.constant(['isolation']), extra: junk })) }),
      fc.record({ path: fc.constant('close'), body: fc.oneof(fc.record({ reason: junk }), fc.record({ reason: fc.constant('duplicate') })) }),
      fc.record({ path: fc.constant('withdraw'), body: fc.oneof(fc.record({ reason: junk }), fc.record({ reason: fc.constant('assisted-on-site') })) }),
    );
    await expectNothingStored(async () => {
      await fc.assert(
        fc.asyncProperty(edit, async ({ path, body }) => is4xx((await api.request('POST', `/flags/${flagId}/${path}`, body)).status)),
        { numRuns: 150 },
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('if-match', 'idempotency-key'), badHeader, async (header, value) => {
          const response = await api.request('POST', `/flags/${flagId}/withdraw`, { reason: 'duplicate' }, { [header]: value });
          expect(response.status).toBe(400);
        }),
        { numRuns: 40 },
      );
      is4xx((await api.request('POST', `/flags/not-a-uuid/close`, { reason: 'assisted-on-site' })).status);
    });
  });

  it('GET /flags and /flags/:id: any query answers 200 or 400, never 5xx', async () => {
    const key = fc.constantFrom('status', 'severity', 'pointOfEntry', 'limit', 'offset', 'extra');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, fc.string(), { minKeys: 1 }), async (query) => {
        const { status } = await api.request('GET', `/flags?${new URLSearchParams(query).toString()}`);
        expect([200, 400]).toContain(status);
      }),
      { numRuns: 100 },
    );
    await fc.assert(
      // `.` and `..` are resolved away by the URL, and `indicators` is the catalogue.
      fc.asyncProperty(fc.string({ minLength: 1 }).filter((id) => !['.', '..', 'indicators'].includes(id)), async (id) => {
        expect([400, 404]).toContain((await api.request('GET', `/flags/${encodeURIComponent(id)}`)).status);
      }),
      { numRuns: 50 },
    );
  });
});
