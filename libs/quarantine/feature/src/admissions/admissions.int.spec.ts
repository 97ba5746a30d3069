import type { EventEnvelope, EventStore } from '@border-ledger/event-store';
import { CAPACITY_ALERT_RAISED, STAY_ADMITTED, stayStream } from '@border-ledger/quarantine-domain';
import type { TestApp } from '@border-ledger/testing';
import { startQuarantineTestNode, type QuarantineTestNode } from '../testing/quarantine-node.test-app';
import { cleared, decideAgain, isolation, policy, publishPolicy, quarantine, screen } from './admissions.spec-fixtures';

const DAY_MS = 86_400_000;
const none = { adults: 0, families: 0, 'isolation-rooms': 0, 'children-with-guardian': 0 };
const saKaeo = { code: 'TH-SAKAEO-1', name: 'Sa Kaeo field hospital', country: 'TH', province: 'Sa Kaeo', capacity: { ...none, adults: 1, 'isolation-rooms': 1, 'children-with-guardian': 1 } };
const tak = { code: 'TH-TAK-1', name: 'Mae Sot centre', country: 'TH', province: 'Tak', capacity: { ...none, adults: 1 } };
const PURPOSE = { 'x-purpose-of-use': 'quarantine-care' };

describe('admissions process manager (store feed, real SQLite)', () => {
  let now = new Date('2026-11-20T08:00:00.000Z');
  let node: QuarantineTestNode;
  let api: TestApp;
  let store: EventStore;
  const at = () => now.toISOString();
  const dayBefore = () => new Date(now.getTime() - DAY_MS).toISOString();
  let thirdCrossedAt = '';
  const stay = async (crossingId: string) => (await api.request('GET', `/quarantine/stays/${crossingId}`, undefined, PURPOSE)).body as Record<string, unknown>;
  const stayTypes = async (crossingId: string) => (await store.readStream(stayStream(crossingId))).map((e) => e.type);

  beforeAll(async () => {
    node = await startQuarantineTestNode({ clock: () => now });
    ({ api, store } = node);
    for (const centre of [saKaeo, tak]) expect((await api.request('POST', '/quarantine/centres', centre)).status).toBe(201);
    await publishPolicy(store, policy(1, 'all'), at());
  });
  afterAll(() => node.close());

  let first: EventEnvelope;
  let third: EventEnvelope;

  it('admits an adult sent to quarantine at a centre of the same province, on the terms of the outcome and policy', async () => {
    first = await screen(store, { pointOfEntry: 'TH-ARANYAPRATHET', ageBand: '25-34', outcome: quarantine(7), policyVersion: 1, at: at() });
    await node.settle();
    expect(await stay((first.data as { crossingId: string }).crossingId)).toMatchObject({
      status: 'admitted', centre: 'TH-SAKAEO-1', category: 'adults', measure: 'quarantine', days: 7, requiresNegativeTest: true, admittedAt: at(),
    });
    const [admitted] = await store.readStream(stayStream((first.data as { crossingId: string }).crossingId));
    expect(admitted.metadata.correlationId).toBe(first.metadata.correlationId);
    // Screened as it crossed: the days count from the admission.
    expect(admitted.data).not.toHaveProperty('countedFrom');
  });

  it('places the next adult at the next suitable centre when the province is full, and raises a capacity alert when nothing is free', async () => {
    const second = await screen(store, { pointOfEntry: 'TH-ARANYAPRATHET', ageBand: '35-49', outcome: quarantine(7), policyVersion: 1, at: at() });
    // Crossed a day ago at a post that was offline: its outcome arrives now.
    third = await screen(store, { pointOfEntry: 'TH-ARANYAPRATHET', ageBand: '18-24', outcome: quarantine(7), policyVersion: 1, at: at(), crossedAt: dayBefore() });
    await node.settle();
    const id = (e: EventEnvelope) => (e.data as { crossingId: string }).crossingId;
    expect(await stay(id(second))).toMatchObject({ status: 'admitted', centre: 'TH-TAK-1', category: 'adults' });
    expect(await stay(id(third))).toMatchObject({ status: 'awaiting-place', category: 'adults', days: 7 });
    expect(await stayTypes(id(third))).toEqual([CAPACITY_ALERT_RAISED]);
    thirdCrossedAt = dayBefore();
    const alerts = await api.request('GET', '/quarantine/alerts', undefined, PURPOSE);
    expect(alerts.body).toEqual({
      items: [{ crossingId: id(third), category: 'adults', measure: 'quarantine', days: 7, pointOfEntry: 'TH-ARANYAPRATHET', province: 'Sa Kaeo', raisedAt: at() }],
    });
  });

  it('quarantines a child in a place for children with a guardian, isolates in an isolation room for the default days, and admits no cleared traveller', async () => {
    const child = await screen(store, { pointOfEntry: 'TH-MAESOT', ageBand: '5-11', outcome: quarantine(7), policyVersion: 1, at: at() });
    const isolated = await screen(store, { pointOfEntry: 'TH-MAESOT', ageBand: '50-64', outcome: isolation, policyVersion: 1, at: at() });
    const fine = await screen(store, { pointOfEntry: 'TH-MAESOT', ageBand: '50-64', outcome: cleared, policyVersion: 1, at: at() });
    await node.settle();
    const id = (e: EventEnvelope) => (e.data as { crossingId: string }).crossingId;
    // Tak offers neither: both go to Sa Kaeo, in the same country.
    expect(await stay(id(child))).toMatchObject({ status: 'admitted', centre: 'TH-SAKAEO-1', category: 'children-with-guardian' });
    expect(await stay(id(isolated))).toMatchObject({ status: 'admitted', centre: 'TH-SAKAEO-1', category: 'isolation-rooms', measure: 'isolation', days: 10, requiresNegativeTest: true });
    expect(await stayTypes(id(fine))).toEqual([]);
  });

  it('never admits twice: a redelivered outcome, the same event applied again, or a second outcome event for the crossing', async () => {
    const crossingId = (first.data as { crossingId: string }).crossingId;
    const { admissions } = node;
    expect(admissions.inbox.applyBatchOnce([first], admissions.apply)).toBe(0);
    admissions.apply(first);
    await decideAgain(store, first);
    await node.settle();
    const head = await store.headPosition();
    await node.settle();
    expect(await stayTypes(crossingId)).toEqual([STAY_ADMITTED]);
    expect(await store.headPosition()).toBe(head);
  });

  it('ignores the screening outcomes of another country', async () => {
    const foreign = await screen(store, { pointOfEntry: 'KH-POIPET', ageBand: '25-34', outcome: quarantine(7), policyVersion: 1, at: at(), country: 'KH' });
    await node.settle();
    expect(await stayTypes((foreign.data as { crossingId: string }).crossingId)).toEqual([]);
  });

  it('admits the traveller awaiting a place once a place frees (automatic retry)', async () => {
    const firstId = (first.data as { crossingId: string }).crossingId;
    const thirdId = (third.data as { crossingId: string }).crossingId;
    now = new Date(now.getTime() + 8 * DAY_MS);
    expect((await api.request('POST', `/quarantine/stays/${firstId}/tests`, { testType: 'pcr', result: 'negative', takenAt: at() })).status).toBe(200);
    expect((await api.request('POST', `/quarantine/stays/${firstId}/release`, { releasedAt: at() })).status).toBe(200);
    await node.settle();
    // Admitted 8 days after it crossed: its 7 days count from the crossing, so its release is already due.
    expect(await stay(thirdId)).toMatchObject({
      status: 'admitted', centre: 'TH-SAKAEO-1', category: 'adults', admittedAt: at(), countedFrom: thirdCrossedAt,
      expectedReleaseAt: new Date(Date.parse(thirdCrossedAt) + 7 * DAY_MS).toISOString(),
    });
    expect(await stayTypes(thirdId)).toEqual([CAPACITY_ALERT_RAISED, STAY_ADMITTED]);
    expect((await api.request('GET', '/quarantine/alerts', undefined, PURPOSE)).body).toEqual({ items: [] });
    const centre = await api.request('GET', '/quarantine/centres/TH-SAKAEO-1');
    expect((centre.body as { occupancy: unknown }).occupancy).toEqual({ ...none, adults: 1, 'isolation-rooms': 1, 'children-with-guardian': 1 });
  });
});
