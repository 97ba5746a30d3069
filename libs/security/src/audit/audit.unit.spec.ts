import { AccessAudit } from './access-audit';
import { ACCESS_GRANTED, ACCESS_REFUSED, type AuditEnvelope, type AuditLog, type AuditNewEvent } from './audit-log.port';
import { daysBetween, queryAudit } from './audit-query';

class MemoryLog implements AuditLog {
  readonly streams = new Map<string, AuditEnvelope[]>();
  async append(streamId: string, events: readonly AuditNewEvent[]): Promise<unknown> {
    const stream = this.streams.get(streamId) ?? [];
    for (const e of events) stream.push({ ...e, recordedAt: e.occurredAt, position: stream.length + 1, previousHash: '0', hash: '1' });
    this.streams.set(streamId, stream);
    return {};
  }
  async readStream(streamId: string): Promise<AuditEnvelope[]> {
    return this.streams.get(streamId) ?? [];
  }
  async verify() {
    return { ok: true, checked: 0 };
  }
}

const officer = { subject: 'officer-1', issuer: 'https://idp', agency: 'TH-IMM', country: 'TH', roles: ['border-officer' as const], pointsOfEntry: ['TH-MAESOT'], centres: [], clientId: null };

describe('the audit of access', () => {
  let now = new Date('2026-11-23T23:59:00Z');
  const log = new MemoryLog();
  const audit = new AccessAudit(log, { agency: 'TH-IMM', country: 'TH' }, () => now);
  const base = { method: 'GET', route: '/flags/:flagId', correlationId: 'c-1' };

  beforeAll(async () => {
    await audit.record({ ...base, outcome: 'refused', status: 401, reason: 'token-expired', claimed: { subject: 'officer-2', issuer: null, agency: 'TH-IMM' } });
    await audit.record({ ...base, outcome: 'granted', status: 200, principal: officer, action: 'flag.read', view: 'without-note', purpose: 'border-control', resource: { type: 'flag', id: 'f-1', country: 'TH', pointOfEntry: 'TH-MAESOT' } });
    now = new Date('2026-11-24T00:01:00Z');
    await audit.record({ ...base, outcome: 'refused', status: 429, reason: 'rate-limited', principal: officer, unrecorded: 4 });
  });

  it('writes one stream per UTC day, stamped with the node and the correlation id', () => {
    expect([...log.streams.keys()]).toEqual(['audit-2026-11-23', 'audit-2026-11-24']);
    const [refused, granted] = log.streams.get('audit-2026-11-23')!;
    expect(refused).toMatchObject({ type: ACCESS_REFUSED, metadata: { agency: 'TH-IMM', country: 'TH', correlationId: 'c-1' }, data: { subject: 'officer-2', roles: [], resource: null } });
    expect(granted).toMatchObject({ type: ACCESS_GRANTED, data: { subject: 'officer-1', roles: ['border-officer'], view: 'without-note', resource: { id: 'f-1', pointOfEntry: 'TH-MAESOT' } } });
  });

  it('answers queries over days, by subject and outcome, up to a limit', async () => {
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    const all = await queryAudit(log, { from: '2026-11-23', to: '2026-11-24', limit: 10 });
    expect(all.items.map((i) => i.status)).toEqual([401, 200, 429]);
    expect((await queryAudit(log, { from: '2026-11-23', to: '2026-11-24', subject: 'officer-1', outcome: 'refused', limit: 10 })).items).toEqual([
      expect.objectContaining({ status: 429, unrecorded: 4, hash: '1', correlationId: 'c-1' }),
    ]);
    expect(await queryAudit(log, { from: '2026-11-23', to: '2026-11-24', limit: 1 })).toMatchObject({ total: 3, items: [{ status: 401 }] });
  });
});
