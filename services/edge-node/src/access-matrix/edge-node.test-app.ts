import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventEnvelope, type EventStore } from '@border-ledger/event-store';
import { bootstrapService } from '@border-ledger/platform';
import { seedDemoScreeningPolicy } from '@border-ledger/points-of-entry';
import { auditStream, type AccessAuditData } from '@border-ledger/security';
import { createTestIdentityProvider, type TestClaims, type TestIdentityProvider } from '@border-ledger/testing';
import { edgeNodeModule, readEdgeNodeSettings } from '../edge-node.module';

export const OWN = 'TH-ARANYAPRATHET';
export const OTHER = 'TH-MAESOT';
export type Scope = 'own' | 'other';
export const POST_OF: Record<Scope, string> = { own: OWN, other: OTHER };

export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
  readonly correlationId: string;
}

/** The edge node as `npm start` composes it, in this process, trusting a test identity provider. */
export interface SecuredEdgeNode {
  readonly app: INestApplication;
  readonly idp: TestIdentityProvider;
  readonly store: EventStore;
  /** A request with a fresh correlation id; `token` is a bearer token, or claims to mint one from. */
  send(method: string, path: string, options?: { token?: string | TestClaims; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
  /** The access records of today and yesterday (UTC), by correlation id. */
  audit(): Promise<Map<string, AccessAuditData[]>>;
  auditEvents(): Promise<EventEnvelope[]>;
  close(): Promise<void>;
}

export async function startSecuredEdgeNode(): Promise<SecuredEdgeNode> {
  const dir = mkdtempSync(join(tmpdir(), 'bl-access-matrix-'));
  const idp = createTestIdentityProvider();
  // Limits out of the way: refusals here are about roles and scopes (the limiter has its own tests).
  const env = { DATA_DIR: dir, NODE_COUNTRY: 'TH', NODE_AGENCY: 'TH-IMM', ...idp.env, RATE_LIMIT_BURST: '100000', RATE_LIMIT_ANONYMOUS_BURST: '100000' };
  const app = await bootstrapService(edgeNodeModule(readEdgeNodeSettings(env)), { serviceName: 'edge-node', host: '127.0.0.1', port: 0 });
  await seedDemoScreeningPolicy(app.get(CommandBus), 'TH', '2020-01-01T00:00:00.000Z');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const store = app.get<EventStore>(EVENT_STORE);
  const auditEvents = async (): Promise<EventEnvelope[]> => {
    const days = [0, 1].map((back) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10));
    return (await Promise.all(days.map((day) => store.readStream(auditStream(day))))).flat();
  };
  return {
    app,
    idp,
    store,
    send: async (method, path, options = {}) => {
      const correlationId = randomUUID();
      const token = typeof options.token === 'object' ? await idp.token(options.token) : options.token;
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          'x-correlation-id': correlationId,
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      });
      const text = await response.text();
      let body: Record<string, unknown>;
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        body = { text };
      }
      return { status: response.status, body, headers: response.headers, correlationId };
    },
    auditEvents,
    audit: async () => {
      const byCorrelation = new Map<string, AccessAuditData[]>();
      for (const event of await auditEvents()) {
        const list = byCorrelation.get(event.metadata.correlationId) ?? [];
        list.push(event.data as AccessAuditData);
        byCorrelation.set(event.metadata.correlationId, list);
      }
      return byCorrelation;
    },
    close: async () => {
      await app.close();
      idp.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
