import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite, type SqliteDatabase } from '@border-ledger/event-store';
import { STAY_ADMITTED, stayStream } from '@border-ledger/quarantine-domain';
import { startQuarantineTestNode, type QuarantineTestNode } from '../testing/quarantine-node.test-app';
import { policy, publishPolicy, quarantine, screen } from './admissions.spec-fixtures';

const now = new Date('2026-11-20T08:00:00.000Z');
const centre = { code: 'TH-SAKAEO-1', name: 'Sa Kaeo', country: 'TH', province: 'Sa Kaeo', capacity: { adults: 2, families: 0, 'isolation-rooms': 0, 'children-with-guardian': 0 } };
const READ_MODELS = ['quarantine_centres', 'quarantine_stays', 'quarantine_stay_segments'];

describe('admissions survive a restart mid-way and a replay from zero', () => {
  let node: QuarantineTestNode | undefined;
  let dir: string;
  afterAll(async () => {
    await node?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const dump = (db: SqliteDatabase) => Object.fromEntries(READ_MODELS.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));

  it('admits exactly once when the service stops after the outcome was taken in but before the admission ran', async () => {
    node = await startQuarantineTestNode({ clock: () => now, runWork: false });
    dir = node.dir;
    expect((await node.api.request('POST', '/quarantine/centres', centre)).status).toBe(201);
    await publishPolicy(node.store, policy(1, 'all'), now.toISOString());
    const outcome = await screen(node.store, { pointOfEntry: 'TH-ARANYAPRATHET', ageBand: '25-34', outcome: quarantine(7), policyVersion: 1, at: now.toISOString() });
    const crossingId = (outcome.data as { crossingId: string }).crossingId;
    await node.settle();
    expect(node.admissions.queue.counts().pending).toBeGreaterThanOrEqual(1);
    expect(await node.store.readStream(stayStream(crossingId))).toEqual([]);
    await node.stop();

    node = await startQuarantineTestNode({ dir, clock: () => now });
    await node.settle();
    expect((await node.store.readStream(stayStream(crossingId))).map((e) => e.type)).toEqual([STAY_ADMITTED]);
    expect(node.admissions.queue.counts()).toMatchObject({ pending: 0, parked: 0 });
  });

  it('changes no projection and admits nobody again when every event is replayed from zero', async () => {
    const running = node as QuarantineTestNode;
    await running.settle();
    const head = await running.store.headPosition();
    const before = dump(running.readModel);
    expect(before['quarantine_stays']).toHaveLength(1);
    await running.stop();
    // Forget everything derived: the process manager's inbox, checkpoint and work, and every projection's checkpoint.
    const db = openSqlite(join(dir, 'read-models.sqlite'));
    db.exec(`DELETE FROM inbox; DELETE FROM checkpoints; DELETE FROM work_quarantine_admissions; DELETE FROM quarantine_pm_screenings;
      DELETE FROM projection_state; DELETE FROM quarantine_stays; DELETE FROM quarantine_stay_segments; DELETE FROM quarantine_centres`);
    db.close();

    node = await startQuarantineTestNode({ dir, clock: () => now });
    await node.settle();
    expect(await node.store.headPosition()).toBe(head);
    expect(dump(node.readModel)).toEqual(before);
    expect(node.admissions.queue.counts()).toMatchObject({ pending: 0, parked: 0 });
  });
});
