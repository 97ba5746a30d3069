import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { EventStore, SqliteDatabase } from '@border-ledger/event-store';
import type { ProjectionRegistry } from '@border-ledger/event-store/nest';
import { AGE_BANDS, CHANNELS, CROSSING_RECORDED, CROSSING_VOIDED, crossingStream, DIRECTIONS, SEXES } from '@border-ledger/points-of-entry-domain';
import type { TestApp } from '@border-ledger/testing';
import { startSqliteTestNode, type SqliteTestNode } from '../testing/sqlite-node.test-app';
import { CrossingStatisticsModule } from './crossing-statistics.module';

const meta = { agency: 'TH-IMM', country: 'TH', correlationId: 'seed', causationId: null };
const crossingArb = fc.record({
  pointOfEntry: fc.constantFrom('TH-MAESOT', 'TH-ARANYAPRATHET', 'TH-NONGKHAI'),
  direction: fc.constantFrom(...DIRECTIONS),
  channel: fc.constantFrom(...CHANNELS),
  purpose: fc.constant('work'),
  nationality: fc.constantFrom('MM', 'KH', 'LA'),
  sex: fc.constantFrom(...SEXES),
  ageBand: fc.constantFrom(...AGE_BANDS),
  // Local times late in the evening of 20-24 November: UTC is still the previous day for some.
  occurredAt: fc.tuple(fc.integer({ min: 20, max: 24 }), fc.integer({ min: 0, max: 23 })).map(([d, h]) => `2026-11-${d}T${String(h).padStart(2, '0')}:30:00+07:00`),
  voided: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
});
type Generated = typeof crossingArb extends fc.Arbitrary<infer T> ? T : never;

describe('crossing statistics over HTTP', () => {
  let node: SqliteTestNode;
  let api: TestApp;
  let store: EventStore;
  let registry: ProjectionRegistry;
  let db: SqliteDatabase;
  const crossings: Generated[] = fc.sample(crossingArb, { numRuns: 300, seed: 20261123 });

  beforeAll(async () => {
    node = await startSqliteTestNode('bl-stats-', { serviceName: 'stats-test', modules: [CrossingStatisticsModule] });
    ({ api, store, registry, readModel: db } = node);
    for (const { occurredAt, voided, ...fields } of crossings) {
      const crossingId = randomUUID();
      const event = { eventId: randomUUID(), schemaVersion: 1, occurredAt, metadata: meta };
      await store.append(crossingStream(crossingId), [{ ...event, type: CROSSING_RECORDED, data: { crossingId, ...fields } }], 'no-stream');
      if (voided) await store.append(crossingStream(crossingId), [{ ...event, eventId: randomUUID(), type: CROSSING_VOIDED, data: { crossingId, reason: 'typo' } }], 0);
    }
    await registry.catchUp();
  });
  afterAll(() => node.close());

  /** Counts computed here, from the generated crossings, independently of the projection. */
  function expected(keys: Array<keyof Generated>, filter: (c: Generated) => boolean = () => true): Map<string, number> {
    const counts = new Map<string, number>();
    for (const c of crossings.filter((c) => !c.voided && filter(c))) {
      const key = [c.pointOfEntry, c.occurredAt.slice(0, 10), ...keys.map((k) => c[k])].join('|');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }
  const asMap = (rows: Array<Record<string, string | number>>, keys: string[]): Map<string, number> =>
    new Map(rows.map((r) => [[r['pointOfEntry'], r['day'], ...keys.map((k) => r[k])].join('|'), r['crossings'] as number]));

  it('counts crossings per point of entry per local day by every dimension, voided ones subtracted', async () => {
    expect(crossings.some((c) => c.voided)).toBe(true);
    const all = ['direction', 'sex', 'ageBand', 'nationality', 'channel'] as const;
    const response = await api.request('GET', `/statistics/crossings?groupBy=${all.join(',')}`);
    expect(response.status).toBe(200);
    const body = response.body as { total: number; rows: Array<Record<string, string | number>> };
    expect(asMap(body.rows, [...all])).toEqual(expected([...all]));
    expect(body.total).toBe(crossings.filter((c) => !c.voided).length);
  });

  it('sums over the dimensions left out, and filters by point of entry and local-day range', async () => {
    const response = await api.request('GET', '/statistics/crossings?groupBy=sex&pointOfEntry=TH-MAESOT&from=2026-11-21&to=2026-11-23');
    const rows = (response.body as { rows: Array<Record<string, string | number>> }).rows;
    const inRange = (c: Generated) => c.pointOfEntry === 'TH-MAESOT' && c.occurredAt >= '2026-11-21' && c.occurredAt < '2026-11-24';
    expect(asMap(rows, ['sex'])).toEqual(expected(['sex'], inRange));
    expect(Object.keys(rows[0]).sort()).toEqual(['crossings', 'day', 'pointOfEntry', 'sex']);
    const totals = await api.request('GET', '/statistics/crossings');
    expect(asMap((totals.body as { rows: Array<Record<string, string | number>> }).rows, [])).toEqual(expected([]));
  });

  it('exports CSV with a header for format=csv and for Accept: text/csv', async () => {
    const byFormat = await fetch(`${api.baseUrl}/statistics/crossings?groupBy=direction,ageBand&format=csv`);
    expect(byFormat.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await byFormat.text();
    const [header, ...lines] = text.trimEnd().split('\r\n');
    expect(header).toBe('pointOfEntry,day,direction,ageBand,crossings');
    const parsed = new Map(lines.map((l) => l.split(',')).map((f) => [f.slice(0, 4).join('|'), Number(f[4])]));
    expect(parsed).toEqual(expected(['direction', 'ageBand']));
    const byAccept = await fetch(`${api.baseUrl}/statistics/crossings?groupBy=direction,ageBand`, { headers: { accept: 'text/csv' } });
    expect(await byAccept.text()).toBe(text);
  });

  it('answers 400 to a bad query, whatever it is, and never 5xx', async () => {
    for (const query of ['from=2026-11-24&to=2026-11-20', 'groupBy=sex,purpose', 'from=2026-02-30', 'format=xml', 'pointOfEntry=KH-NOWHERE', 'extra=1']) {
      expect((await api.request('GET', `/statistics/crossings?${query}`)).status).toBe(400);
    }
    const head = await store.headPosition();
    const key = fc.constantFrom('from', 'to', 'pointOfEntry', 'groupBy', 'format', 'extra');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, fc.string(), { minKeys: 1 }), async (query) => {
        const { status } = await api.request('GET', `/statistics/crossings?${new URLSearchParams(query).toString()}`);
        expect([200, 400]).toContain(status);
      }),
      { numRuns: 100 },
    );
    expect(await store.headPosition()).toBe(head);
  });

  it('rebuilds from an empty read model to the live one', async () => {
    const tables = () => [
      db.prepare('SELECT * FROM poe_crossing_stats ORDER BY point_of_entry, day, direction, sex, age_band, nationality, channel').all(),
      db.prepare('SELECT * FROM poe_crossing_stats_counted ORDER BY crossing_id').all(),
    ];
    const live = tables();
    expect(live[0].length).toBeGreaterThan(50);
    await registry.rebuild('points-of-entry.crossing-statistics');
    await registry.catchUp();
    expect(tables()).toEqual(live);
  });
});
