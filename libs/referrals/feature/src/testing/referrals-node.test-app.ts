import { Module, type Type } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore, type SqliteDatabase } from '@border-ledger/event-store';
import { EventStoreModule, OWN_LOG, OwnLogModule, ProjectionRegistry, ProjectionsModule, READ_MODEL_DB } from '@border-ledger/event-store/nest';
import { PlatformModule } from '@border-ledger/platform';
import { flagStream, TRAFFICKING_FLAG_RAISED, TRAFFICKING_FLAG_WITHDRAWN, type IndicatorCode, type Severity } from '@border-ledger/points-of-entry-domain';
import { SecurityModule, type Role } from '@border-ledger/security';
import { sharedTestIdentityProvider, startTestApp, type TestApp } from '@border-ledger/testing';
import { ReferralsWorkRunner } from '../process/referrals-work.runner';
import { ReferralsModule } from '../referrals.module';
import type { AcceptanceLimits } from '../referrals.options';

/** A clock the test moves; the store, the runner and the deciders all read it. */
export interface FakeClock {
  now(): Date;
  set(at: Date | string): void;
  advanceMinutes(minutes: number): void;
}

export function fakeClock(start = new Date(Math.floor(Date.now() / 60_000) * 60_000)): FakeClock {
  let current = start;
  return {
    now: () => current,
    set: (at) => void (current = new Date(at)),
    advanceMinutes: (minutes) => void (current = new Date(current.getTime() + minutes * 60_000)),
  };
}

export interface ReferralsNodeOptions {
  readonly acceptWithin?: AcceptanceLimits;
  /** False: scheduled work waits for `tick()`. */
  readonly runWork?: boolean;
}

/** A Thai social-welfare node serving referrals on the store feed, behind access control. */
export interface ReferralsTestNode {
  readonly api: TestApp;
  readonly store: EventStore;
  readonly registry: ProjectionRegistry;
  readonly readModel: SqliteDatabase;
  readonly work: ReferralsWorkRunner;
  readonly clock: FakeClock;
  /** The folder of its SQLite files. */
  readonly folder: string;
  /** Authorization (and purpose) headers of an officer of TH with `roles`. */
  as(roles: Role[], purpose?: string): Promise<Record<string, string>>;
  /** Appends a raised flag as points-of-entry records it; returns its id. */
  raiseFlag(flag: { child?: boolean; severity?: Severity; pointOfEntry?: string; flagId?: string }): Promise<string>;
  withdrawFlag(flagId: string): Promise<void>;
  /** Stops the app, keeping its files. */
  stop(): Promise<void>;
  /** Starts the app again on the same files and clock. */
  restart(options?: ReferralsNodeOptions): Promise<ReferralsTestNode>;
  /** Stops the app and removes its folder. */
  close(): Promise<void>;
}

const META = { agency: 'TH-IMM', country: 'TH', correlationId: 'flag-test', causationId: null };
const INDICATORS: Record<Severity, IndicatorCode[]> = {
  low: ['deception'],
  medium: ['deception', 'isolation'],
  high: ['retention-of-identity-documents', 'deception'],
  critical: ['physical-and-sexual-violence', 'debt-bondage', 'retention-of-identity-documents'],
};

function referralsTestModule(dir: string, clock: FakeClock, options: ReferralsNodeOptions): Type<unknown> {
  const idp = sharedTestIdentityProvider();
  const node = { agency: 'TH-DSDW', country: 'TH' };
  @Module({
    imports: [
      PlatformModule.forRoot({ serviceName: 'referrals-test' }),
      EventStoreModule.forRoot({ path: join(dir, 'events.sqlite'), identity: node, clock: clock.now }),
      ProjectionsModule.forRoot({ path: join(dir, 'read-models.sqlite') }),
      OwnLogModule.forSqlite({ path: join(dir, 'audit.sqlite') }),
      SecurityModule.forRoot(idp.securityOptions(node, OWN_LOG, { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '10000' })),
      ReferralsModule.forRoot({
        feed: { kind: 'store' },
        processDbPath: join(dir, 'referrals-process.sqlite'),
        acceptWithin: options.acceptWithin ?? { urgentMinutes: 120, standardMinutes: 2880 },
        runWork: options.runWork,
        pollMs: 20,
      }),
    ],
  })
  class ReferralsTestRoot {}
  return ReferralsTestRoot;
}

async function start(dir: string, clock: FakeClock, options: ReferralsNodeOptions): Promise<ReferralsTestNode> {
  const api = await startTestApp(referralsTestModule(dir, clock, options));
  const store = api.app.get<EventStore>(EVENT_STORE);
  const append = async (flagId: string, type: string, data: unknown, occurredAt: string) => {
    const revision = await store.streamRevision(flagStream(flagId));
    await store.append(flagStream(flagId), [{ eventId: randomUUID(), type, schemaVersion: 1, data, occurredAt, metadata: META }], revision ?? 'no-stream');
  };
  const testNode: ReferralsTestNode = {
    api,
    store,
    registry: api.app.get(ProjectionRegistry),
    readModel: api.app.get<SqliteDatabase>(READ_MODEL_DB),
    work: api.app.get(ReferralsWorkRunner),
    clock,
    folder: dir,
    as: (roles, purpose) => sharedTestIdentityProvider().headers({ sub: 'officer-1', agency: 'TH-DSDW', country: 'TH', roles, pointsOfEntry: [] }, purpose),
    raiseFlag: async ({ child = false, severity = child ? 'critical' : 'high', pointOfEntry = 'TH-MAESOT', flagId = randomUUID() }) => {
      const indicators = child ? (['child-without-guardian'] as IndicatorCode[]) : INDICATORS[severity];
      const observedAt = new Date(clock.now().getTime() - 20 * 60_000).toISOString();
      const data = { flagId, subject: { kind: 'irregular-detection', id: randomUUID() }, pointOfEntry, indicators, severity, childProtection: child, observedAt, noteId: null };
      await append(flagId, TRAFFICKING_FLAG_RAISED, data, observedAt);
      return flagId;
    },
    withdrawFlag: (flagId) => append(flagId, TRAFFICKING_FLAG_WITHDRAWN, { flagId, reason: 'raised-in-error' }, clock.now().toISOString()),
    stop: () => api.close(),
    restart: async (next = options) => start(dir, clock, next),
    close: async () => {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return testNode;
}

/** Starts such a node in a fresh temporary folder. */
export function startReferralsTestNode(options: ReferralsNodeOptions = {}, clock = fakeClock()): Promise<ReferralsTestNode> {
  return start(mkdtempSync(join(tmpdir(), 'bl-referrals-')), clock, options);
}
