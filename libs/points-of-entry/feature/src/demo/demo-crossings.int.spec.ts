import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import type { CrossingRecordedData } from '@border-ledger/points-of-entry-domain';
import { startTestApp, type TestApp } from '@border-ledger/testing';
import { pointsOfEntryTestModule } from '../crossing/crossing.test-module';
import { seedDemoCrossings } from './demo-crossings';

describe('demo seed', () => {
  let dir: string;
  let api: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-demo-'));
    api = await startTestApp(pointsOfEntryTestModule({ dir }));
    store = api.app.get(EVENT_STORE);
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers the points of entry first, then records the crossings through the command path, once', async () => {
    const commands = api.app.get(CommandBus);
    const options = { pointOfEntry: 'TH-ARANYAPRATHET', count: 24, day: '2026-11-22' };
    const first = await seedDemoCrossings(commands, options);
    expect(first.filter((r) => !r.replayed)).toHaveLength(24);
    expect(await store.streamRevision('point-of-entry-TH-ARANYAPRATHET')).toBe(0);
    const head = await store.headPosition();
    const second = await seedDemoCrossings(commands, options);
    expect(second.every((r) => r.replayed)).toBe(true);
    expect(second).toEqual(first.map((r) => ({ ...r, replayed: true })));
    expect(await store.headPosition()).toBe(head);

    const recorded = (await store.readAll({ after: 0, limit: 1000 }))
      .filter((e) => e.type === 'points-of-entry.crossing-recorded.v1')
      .map((e) => e.data as CrossingRecordedData);
    const children = recorded.filter((c) => c.guardianCrossingId !== undefined);
    expect(children).toHaveLength(3);
    for (const child of children) {
      const guardian = recorded.find((c) => c.crossingId === child.guardianCrossingId)!;
      expect({ group: guardian.groupId, direction: guardian.direction }).toEqual({ group: child.groupId, direction: child.direction });
    }
    expect(recorded.filter((c) => c.travellerRef !== undefined).every((c) => c.identity !== undefined)).toBe(true);
    expect(recorded.filter((c) => c.channel === 'border-pass').every((c) => c.borderPass?.area === 'Sa Kaeo')).toBe(true);
    expect(JSON.stringify(recorded)).not.toContain('DEMO0');
  });
});
