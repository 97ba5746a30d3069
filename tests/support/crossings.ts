import { randomUUID } from 'node:crypto';

const CHANNELS = ['passport-visa', 'visa-exemption', 'border-pass', 'mou-work-permit', 'irregular'] as const;
const NATIONALITIES = ['KH', 'TH', 'LA', 'MM', 'VN', 'CN', 'DE'] as const;

/** A valid crossing body at a Thai post, on a given day, varied by index. */
export function crossingBody(index: number, day: string, pointOfEntry = 'TH-ARANYAPRATHET'): Record<string, string> {
  const minute = index % (24 * 60);
  return {
    crossingId: randomUUID(),
    pointOfEntry,
    direction: index % 2 === 0 ? 'exit' : 'entry',
    channel: CHANNELS[index % CHANNELS.length],
    purpose: index % 3 === 0 ? 'work' : 'trade',
    nationality: NATIONALITIES[index % NATIONALITIES.length],
    sex: index % 2 === 0 ? 'female' : 'male',
    ageBand: '25-34',
    occurredAt: `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000Z`,
  };
}

/** A past day unlikely to hold data from another run against the same broker. */
export function randomPastDay(): string {
  const start = Date.UTC(2015, 0, 1);
  return new Date(start + Math.floor(Math.random() * 3000) * 86_400_000).toISOString().slice(0, 10);
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

export async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** Reads one sample of a Prometheus counter or gauge from a /metrics page (summed over series). */
export async function metricValue(baseUrl: string, name: string, labelFilter = ''): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name) && line.includes(labelFilter) && !line.startsWith('#'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
