import { randomUUID } from 'node:crypto';
import { WorkQueues } from '@border-ledger/event-store';
import type { Role, TokenClaims } from '@border-ledger/security';
import { OTHER, OWN, POST_OF, type Scope, type SecuredEdgeNode } from './edge-node.test-app';

/** An officer of each role: stationed at Aranyaprathet where that applies, of the agency the role belongs to. */
export function officer(role: Role): Partial<TokenClaims> {
  const agency = role === 'port-health-officer' || role === 'quarantine-staff' ? 'TH-DDC' : role === 'protection-officer' ? 'TH-DSDW' : 'TH-IMM';
  return { sub: `${role}-1`, agency, roles: [role], pointsOfEntry: [OWN], centres: role === 'quarantine-staff' ? ['TH-QC-SAKAEO'] : [] };
}

/** Whoever the fixtures are recorded by: officers of both posts. */
const RECORDER: Partial<TokenClaims> = { sub: 'fixtures', roles: ['border-officer', 'port-health-officer', 'protection-officer'], pointsOfEntry: [OWN, OTHER] };
export const NOTE = 'Fixture note: the broker holds her passport';
export const TRAVELLER_NAME = 'Fixturename Canarysurname';

export const crossingBody = (pointOfEntry: string, identity = false): Record<string, unknown> => ({
  pointOfEntry, direction: 'entry', channel: 'passport-visa', visaType: 'family', purpose: 'family', nationality: 'KH',
  sex: 'female', ageBand: '25-34', occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  ...(identity ? { traveller: { documentType: 'passport', documentNumber: `N${Date.now() % 1e8}${Math.floor(Math.random() * 1e6)}`, name: TRAVELLER_NAME } } : {}),
});
export const flagBody = (pointOfEntry: string, crossingId: string): Record<string, unknown> => ({
  subject: { kind: 'crossing', id: crossingId }, pointOfEntry, indicators: ['deception'],
  observedAt: new Date(Date.now() - 1_800_000).toISOString(), note: NOTE,
});
export const screeningStart = (pointOfEntry: string, crossingId: string, ageBand = '25-34'): Record<string, unknown> => ({
  crossingId, pointOfEntry, ageBand, crossedAt: new Date(Date.now() - 3_600_000).toISOString(),
});

type Stage = 'started' | 'declared' | 'assessed' | 'decided';

/** Records made for the matrix, through the API, by officers allowed to make them. */
export class Fixtures {
  constructor(private readonly node: SecuredEdgeNode) {}

  /** A parked item of a work queue (its kind unknown to the handler: a retry parks it again). */
  parkedWork(queue: string): string {
    const { queue: work } = this.node.app.get(WorkQueues).get(queue)!;
    const id = `matrix:${randomUUID()}`;
    work.schedule({ id, kind: 'matrix-probe', payload: null, dueAt: '2100-01-01T00:00:00Z' });
    work.park(id, 'parked for the access matrix');
    return id;
  }

  async crossing(scope: Scope, identity = false): Promise<{ crossingId: string; travellerRef: string | null }> {
    const reply = await this.expect('POST', '/crossings', crossingBody(POST_OF[scope], identity), 201);
    return { crossingId: reply['crossingId'] as string, travellerRef: (reply['travellerRef'] as string | null) ?? null };
  }

  /** A screening taken to `stage`; an adult untested and unvaccinated ends in quarantine, a child is cleared. */
  async screening(scope: Scope, stage: Stage, ageBand = '25-34'): Promise<string> {
    const { crossingId } = await this.crossing(scope);
    await this.expect('POST', '/screenings', screeningStart(POST_OF[scope], crossingId, ageBand), 201);
    const steps: Array<[Stage, string, unknown]> = [
      ['declared', 'health-declaration', { symptoms: [], countriesVisited: [], contactWithCase: false }],
      ['assessed', 'temperature', { celsius: 36.6 }],
      ['decided', 'outcome', {}],
    ];
    const order: Stage[] = ['started', 'declared', 'assessed', 'decided'];
    for (const [reached, path, body] of steps) {
      if (order.indexOf(reached) > order.indexOf(stage)) break;
      await this.expect('POST', `/screenings/${crossingId}/${path}`, body, 200);
    }
    return crossingId;
  }

  async flag(scope: Scope): Promise<string> {
    const { crossingId } = await this.crossing(scope);
    return (await this.expect('POST', '/flags', flagBody(POST_OF[scope], crossingId), 201))['flagId'] as string;
  }

  private async expect(method: string, path: string, body: unknown, status: number): Promise<Record<string, unknown>> {
    const reply = await this.node.send(method, path, { token: RECORDER, body });
    if (reply.status !== status) throw new Error(`fixture ${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }
}
