import { Module, type INestApplication, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOCK, EVENT_STORE, executeCommand, type Clock, type EventStore } from '@border-ledger/event-store';
import { EventStoreModule, OWN_LOG, OwnLogModule } from '@border-ledger/event-store/nest';
import { agreementRefs } from '@border-ledger/exchange-domain';
import {
  crossingIdentityAad,
  IdentityVaultModule,
  seal,
  TRAVELLER_HASHER,
  TRAVELLER_KEY_VAULT,
  type TravellerHasher,
  type TravellerKeyVault,
} from '@border-ledger/identity';
import { configureHttpApp, PlatformModule } from '@border-ledger/platform';
import {
  crossingStream,
  decideCrossing,
  evolveCrossing,
  findPointOfEntry,
  flagStream,
  initialCrossingState,
  TRAFFICKING_FLAG_RAISED,
  type AgeBand,
  type CrossingDraft,
  type CrossingEvent,
  type CrossingState,
} from '@border-ledger/points-of-entry-domain';
import { SecurityModule, type Role } from '@border-ledger/security';
import { createTestIdentityProvider, type TestClaims, type TestIdentityProvider } from '@border-ledger/testing';
import { ExchangeModule } from '../exchange.module';
import { feedLogId } from '../integrity/integrity-monitor';
import { readExchangeKeys } from '../keys/exchange-keys';
import { ExchangeRuntime } from '../runtime/exchange-runtime';

export const NODE = { agency: 'TH-IMM', country: 'TH' } as const;
export const POST = 'TH-ARANYAPRATHET';
export const PARTNER = { agency: 'KH-GDI', country: 'KH' } as const;

export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

/** Who sends a request: claims to mint a token from, a role of this node's agency, or nobody. */
export type Caller = TestClaims | Role | null;

export interface CrossingInput {
  readonly direction?: 'entry' | 'exit';
  readonly pointOfEntry?: string;
  readonly ageBand?: AgeBand;
  readonly nationality?: string;
  readonly occurredAt?: string;
  readonly unaccompanied?: true;
  /** The document taken at the post: sealed, and the source of the traveller's agreement ref. */
  readonly traveller?: { readonly documentType: 'passport'; readonly documentNumber: string; readonly name?: string };
}

/**
 * A Thai (TH-IMM) node serving the exchange in this process, on SQLite files, behind real access
 * control (tokens of a test identity provider; access audit in an own log so the node's log only
 * holds what commands store). No broker: the outgoing logs grow and their checkpoints are signed.
 *
 * Crossings and flags are appended as points-of-entry decides and stores them (the same domain
 * decider, the identity sealed under the traveller's key from the vault): the exchange feature may
 * not depend on the points-of-entry feature, so its HTTP endpoints are not part of this app.
 */
export interface ExchangeTestNode {
  readonly app: INestApplication;
  readonly idp: TestIdentityProvider;
  readonly store: EventStore;
  readonly runtime: ExchangeRuntime;
  readonly dir: string;
  /** The secret of each agreement given at start (as exchanged out of band with the partner). */
  readonly secrets: ReadonlyMap<string, Buffer>;
  send(method: string, path: string, options?: { as?: Caller; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
  /** Records a crossing at a Thai post as a border officer would; returns its id and the node's traveller ref. */
  recordCrossing(input?: CrossingInput): Promise<{ crossingId: string; travellerRef: string | null }>;
  /** Appends a raised trafficking flag on a crossing; returns its id. */
  raiseFlag(crossingId: string, options?: { pointOfEntry?: string; child?: boolean }): Promise<string>;
  /** The agreement's ref of a document, as the partner computes it. */
  agreementTravellerRef(agreementId: string, documentNumber: string, nationality: string): string;
  /** Waits until the exchange has taken in the whole log and shared what it shares. */
  settle(): Promise<void>;
  /** Number of leaves of this node's outgoing log of the agreement. */
  logSize(agreementId: string): number;
  close(): Promise<void>;
}

export interface ExchangeTestNodeOptions {
  /** Agreements the node holds a secret for (nothing is shared under any other). */
  readonly agreementIds?: readonly string[];
  readonly checkpointEvery?: number;
  readonly clock?: Clock;
}

function exchangeTestModule(dir: string, idp: TestIdentityProvider, env: NodeJS.ProcessEnv, options: ExchangeTestNodeOptions): Type<unknown> {
  @Module({
    imports: [
      PlatformModule.forRoot({ serviceName: 'exchange-test' }),
      EventStoreModule.forRoot({ path: join(dir, 'node.sqlite'), identity: NODE, clock: options.clock }),
      OwnLogModule.forSqlite({ path: join(dir, 'audit.sqlite') }),
      SecurityModule.forRoot(idp.securityOptions(NODE, OWN_LOG, { RATE_LIMIT_BURST: '1000000', RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_ANONYMOUS_BURST: '1000000' })),
      IdentityVaultModule.forRoot({ vaultPath: join(dir, 'vault.sqlite'), hashKey: randomBytes(32) }),
      ExchangeModule.forRoot({
        readModelPath: join(dir, 'exchange.sqlite'),
        feed: { kind: 'store' },
        keys: readExchangeKeys(env, { dataDir: dir, ...NODE, generateIfMissing: true }),
        checkpointEvery: options.checkpointEvery ?? 1,
        checkpointIntervalMs: 60 * 60_000,
        pollMs: 20,
      }),
    ],
  })
  class ExchangeTestRoot {}
  return ExchangeTestRoot;
}

export async function startExchangeTestNode(options: ExchangeTestNodeOptions = {}): Promise<ExchangeTestNode> {
  const dir = mkdtempSync(join(tmpdir(), 'bl-exchange-'));
  const idp = createTestIdentityProvider();
  const secrets = new Map((options.agreementIds ?? []).map((id) => [id, randomBytes(32)] as const));
  const secretsFile = join(dir, 'agreement-secrets.json');
  writeFileSync(secretsFile, JSON.stringify(Object.fromEntries([...secrets].map(([id, secret]) => [id, secret.toString('base64')]))));
  const moduleRef = await Test.createTestingModule({ imports: [exchangeTestModule(dir, idp, { EXCHANGE_AGREEMENT_SECRETS_FILE: secretsFile }, options)] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const store = app.get<EventStore>(EVENT_STORE);
  const runtime = app.get(ExchangeRuntime);
  const vault = app.get<TravellerKeyVault>(TRAVELLER_KEY_VAULT);
  const hasher = app.get<TravellerHasher>(TRAVELLER_HASHER);
  const clock = app.get<Clock>(CLOCK);
  const checkpointOf = (name: string): number =>
    runtime.db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?').get(name)?.position ?? 0;

  const tokenOf = async (caller: Caller | undefined): Promise<string | undefined> => {
    if (caller === null) return undefined;
    const claims: TestClaims =
      caller === undefined || typeof caller === 'string'
        ? { sub: `th-${caller ?? 'administrator'}`, ...NODE, roles: [caller ?? 'administrator'], pointsOfEntry: [POST] }
        : caller;
    return idp.token(claims);
  };

  const node: ExchangeTestNode = {
    app,
    idp,
    store,
    runtime,
    dir,
    secrets,
    send: async (method, path, { as, body, headers } = {}) => {
      const token = await tokenOf(as);
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: Record<string, unknown>;
      try {
        parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        parsed = { text };
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    recordCrossing: async (input = {}) => {
      const crossingId = randomUUID();
      const pointOfEntry = input.pointOfEntry ?? POST;
      const nationality = input.nationality ?? 'KH';
      const occurredAt = input.occurredAt ?? new Date(clock().getTime() - 60_000).toISOString();
      let draft: CrossingDraft = {
        crossingId, pointOfEntry, direction: input.direction ?? 'exit', channel: 'passport-visa', visaType: 'family', purpose: 'family',
        nationality, sex: 'female', ageBand: input.ageBand ?? '25-34', ...(input.unaccompanied ? { unaccompanied: true } : {}),
      } as CrossingDraft;
      if (input.traveller) {
        // As TravellerIdentityService.protect: the keyed hash, and the identity sealed under the traveller's key.
        const travellerRef = hasher.ref({ type: input.traveller.documentType, number: input.traveller.documentNumber, nationality });
        const key = await vault.keyFor(travellerRef);
        const identity = seal(key, { documentType: input.traveller.documentType, documentNumber: input.traveller.documentNumber, ...(input.traveller.name ? { name: input.traveller.name } : {}) }, crossingIdentityAad(crossingId, travellerRef));
        draft = { ...draft, travellerRef, identity: identity as CrossingDraft['identity'] };
      }
      const poe = findPointOfEntry(pointOfEntry);
      const outcome = await executeCommand<CrossingState, CrossingEvent>(store, {
        streamId: crossingStream(crossingId),
        initialState: initialCrossingState,
        evolve: evolveCrossing,
        decide: (state) => decideCrossing({ kind: 'RecordCrossing', crossing: draft, occurredAt }, state, { nodeCountry: NODE.country, now: clock(), pointOfEntry: poe && { code: poe.code, country: poe.country } }),
        commandId: `record-crossing:${crossingId}`,
        occurredAt,
        metadata: { ...NODE, correlationId: randomUUID(), causationId: null },
      });
      return { crossingId, travellerRef: outcome.state.status === 'none' ? null : (outcome.state.crossing.travellerRef ?? null) };
    },
    raiseFlag: async (crossingId, { pointOfEntry = POST, child = false } = {}) => {
      const flagId = randomUUID();
      const observedAt = new Date(clock().getTime() - 30_000).toISOString();
      const data = {
        flagId, subject: { kind: 'crossing', id: crossingId }, pointOfEntry, indicators: child ? ['child-without-guardian'] : ['deception', 'isolation'],
        severity: child ? 'critical' : 'medium', childProtection: child, observedAt, noteId: null,
      };
      await store.append(flagStream(flagId), [{ eventId: randomUUID(), type: TRAFFICKING_FLAG_RAISED, schemaVersion: 1, data, occurredAt: observedAt, metadata: { ...NODE, correlationId: randomUUID(), causationId: null } }], 'no-stream');
      return flagId;
    },
    agreementTravellerRef: (agreementId, documentNumber, nationality) => {
      const secret = secrets.get(agreementId);
      if (!secret) throw new Error(`No secret for ${agreementId}`);
      return agreementRefs(secret, agreementId).travellerRef('passport', documentNumber, nationality);
    },
    settle: async () => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const head = await store.headPosition();
        const fed = checkpointOf('exchange:own-events') >= head && checkpointOf('exchange:store-feed') >= head;
        if (fed && runtime.queue.counts().pending === 0) break;
        if (Date.now() > deadline) throw new Error('The exchange did not settle');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    logSize: (agreementId) => runtime.log.size(feedLogId(agreementId, NODE.agency)),
    close: async () => {
      await app.close();
      idp.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return node;
}
