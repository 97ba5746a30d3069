import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { TRAVELLER_KEY_VAULT, type TravellerKeyVault } from '@border-ledger/identity';
import { PointsOfEntryModule, pointsOfEntryTestModule, SeedReferencePointsOfEntryModule } from '@border-ledger/points-of-entry';
import { startTestApp, type TestApp, type TestResponse } from '@border-ledger/testing';

// Personal data a border post takes: none of it may reach a log line, a metric or an error body.
const DOCUMENT = 'ZQ7731904';
const GIVEN = 'Thearith';
const SURNAME = 'Sokhomcanary';
const BIRTH = '1987-03-14';
const NOTE_NAME = 'Somchaicanary';
const CANARIES = [DOCUMENT, GIVEN, SURNAME, BIRTH, NOTE_NAME];

const traveller = { documentType: 'passport', documentNumber: DOCUMENT, name: `${GIVEN} ${SURNAME}`, documentExpiresOn: '2031-12-24' };
const crossing = (extra: Record<string, unknown> = {}) => ({
  pointOfEntry: 'TH-ARANYAPRATHET', direction: 'entry', channel: 'passport-visa', visaType: 'family', purpose: 'family',
  nationality: 'KH', sex: 'male', dateOfBirth: BIRTH, occurredAt: '2026-11-23T08:00:00.000+07:00', traveller, ...extra,
});
const note = `Broker ${NOTE_NAME} holds the passport of ${GIVEN} ${SURNAME} (${DOCUMENT})`;
const flag = (crossingId: string, extra: Record<string, unknown> = {}) => ({
  subject: { kind: 'crossing', id: crossingId }, pointOfEntry: 'TH-ARANYAPRATHET', indicators: ['deception'],
  observedAt: '2026-11-23T09:00:00+07:00', note, ...extra,
});

/** Every write to stdout and stderr, and every console call, while the app runs. */
function captureOutput(): { text: () => string[]; restore: () => void } {
  const chunks: string[] = [];
  const spies = [
    ...(['stdout', 'stderr'] as const).map((stream) =>
      jest.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
        chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      }),
    ),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void chunks.push(args.map(String).join(' '))),
    ),
  ];
  return { text: () => chunks.join('').split('\n').filter(Boolean), restore: () => spies.forEach((spy) => spy.mockRestore()) };
}

const containing = (texts: string[], canary: string) => texts.filter((text) => text.includes(canary));

describe('canary: personal data never reaches logs, metrics or error bodies', () => {
  const previousLevel = process.env['LOG_LEVEL'];
  let dir: string;
  let api: TestApp;
  let output: ReturnType<typeof captureOutput>;
  const failures: Array<{ request: string; response: TestResponse }> = [];

  async function send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse> {
    const response = await api.request(method, path, body, headers);
    if (response.status >= 400) failures.push({ request: `${method} ${path}`, response });
    return response;
  }

  beforeAll(async () => {
    process.env['LOG_LEVEL'] = 'debug'; // every line the app can write is written
    output = captureOutput();
    dir = mkdtempSync(join(tmpdir(), 'bl-pii-canary-'));
    api = await startTestApp(pointsOfEntryTestModule({ dir, imports: [SeedReferencePointsOfEntryModule, PointsOfEntryModule] }));

    // Accepted: a crossing with a document, a name and a birth date; a flag with a note.
    const recorded = await send('POST', '/crossings', crossing());
    expect(recorded.status).toBe(201);
    const { crossingId } = recorded.body as { crossingId: string };
    expect((await send('GET', `/crossings/${crossingId}`)).status).toBe(200);
    const raised = await send('POST', '/flags', flag(crossingId));
    expect(raised.status).toBe(201);
    expect((await send('GET', `/flags/${(raised.body as { flagId: string }).flagId}`)).status).toBe(200);

    // Rejected with 4xx: fields that fail validation, malformed and oversized bodies, ids in paths.
    const badTraveller = { ...traveller, documentNumber: `${DOCUMENT}$`, name: `${GIVEN}\u0007${SURNAME}`, passport: DOCUMENT };
    const rejected = [
      await send('POST', '/crossings', crossing({ traveller: badTraveller, dateOfBirth: `${BIRTH}T00:00` })),
      await send('POST', '/crossings', crossing({ traveller: `${DOCUMENT} ${GIVEN} ${SURNAME}` })),
      await send('POST', '/crossings', crossing({ pointOfEntry: 'TH-NOWHERE' })),
      await send('POST', '/crossings', `{"traveller":{"documentNumber":"${DOCUMENT}","name":"${GIVEN} ${SURNAME}"`),
      await send('POST', '/crossings', crossing({ padding: `${DOCUMENT} `.repeat(8000) })),
      await send('POST', '/crossings', crossing(), { 'idempotency-key': `${DOCUMENT} ${SURNAME}` }),
      await send('POST', '/flags', flag(crossingId, { note: `${note} `.repeat(60) })),
      await send('POST', '/flags', flag(DOCUMENT)),
      await send('POST', `/crossings/${crossingId}/void`, { reason: 'Recorded twice' }, { 'if-match': '"7"' }),
      await send('GET', `/crossings/${DOCUMENT}`),
      await send('GET', `/crossings/${randomUUID()}`),
      await send('GET', `/travellers/${DOCUMENT}`),
      await send('GET', `/flags/${randomUUID()}`),
    ];
    expect(rejected.map((r) => r.status)).toEqual([400, 400, 422, 400, 413, 400, 400, 400, 409, 400, 404, 400, 404]);
    expect(JSON.stringify(rejected[0]!.body)).toMatch(/traveller\.documentNumber.*traveller\.name|traveller\.name.*traveller\.documentNumber/);

    // Failed with 5xx: the key vault breaks while a crossing with an identity is recorded.
    const vault = api.app.get<TravellerKeyVault>(TRAVELLER_KEY_VAULT);
    jest.spyOn(vault, 'keyFor').mockRejectedValueOnce(Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' }));
    expect((await send('POST', '/crossings', crossing({ crossingId: randomUUID() }))).status).toBe(500);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    output.restore();
    if (previousLevel === undefined) delete process.env['LOG_LEVEL'];
    else process.env['LOG_LEVEL'] = previousLevel;
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes debug, info and error lines, none holding a canary', () => {
    const lines = output.text();
    const levels = new Set(lines.map((line) => /"level":"(\w+)"/.exec(line)?.[1]));
    expect([...levels]).toEqual(expect.arrayContaining(['debug', 'info', 'error']));
    expect(lines.some((line) => line.includes('Request rejected'))).toBe(true);
    expect(lines.some((line) => line.includes('SQLITE_BUSY'))).toBe(true);
    for (const canary of CANARIES) expect({ canary, lines: containing(lines, canary) }).toEqual({ canary, lines: [] });
  });

  it('exposes no canary in /metrics, whose HTTP series name route patterns only', async () => {
    const metrics = await api.request('GET', '/metrics');
    const text = String(metrics.body);
    expect(text).toContain('route="/crossings/:crossingId"');
    for (const canary of CANARIES) expect({ canary, lines: containing(text.split('\n'), canary) }).toEqual({ canary, lines: [] });
  });

  it('echoes no canary in any error body or header', () => {
    expect(failures.length).toBeGreaterThanOrEqual(14);
    for (const { request, response } of failures) {
      const echoed = JSON.stringify({ body: response.body, headers: [...response.headers.entries()] });
      for (const canary of CANARIES) expect({ request, canary, found: echoed.includes(canary) }).toEqual({ request, canary, found: false });
    }
  });
});
