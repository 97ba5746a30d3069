import { AGE_BANDS } from '../reference/codes';
import { SYMPTOMS, VACCINE_PRODUCTS, type Symptom, type TestResult, type TestType } from './screening.codes';
import type { ScreeningCommand } from './screening.commands';
import type { CountryVisit } from './screening.events';

/** Options of {@link syntheticScreenings}. */
export interface SyntheticScreeningOptions {
  readonly seed: number;
  readonly pointsOfEntry: readonly string[];
  /** First day (YYYY-MM-DD) and number of days. */
  readonly firstDay: string;
  readonly days: number;
  /** Screenings per point of entry and day, drawn between these bounds (inclusive). */
  readonly perDay: readonly [number, number];
  /** UTC offset of the posts, e.g. `+07:00`. */
  readonly utcOffset: string;
}

/** The commands of one screening, in the order an officer would send them. */
export interface SyntheticScreening {
  readonly crossingId: string;
  readonly commands: readonly ScreeningCommand[];
}

/** A small seeded PRNG (mulberry32): the same seed gives the same screenings. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Seeded synthetic screenings for demos and tests: plausible mixes of symptoms, fevers, visits,
 * contacts, certificates and tests. Every traveller with a symptom or a temperature of 37.0 °C or
 * more gets a valid test (after a retest when the first is invalid), so any policy with a fever
 * threshold of 37.0 °C or more can decide every screening; about 3% are left undecided.
 */
export function syntheticScreenings(options: SyntheticScreeningOptions): SyntheticScreening[] {
  const random = prng(options.seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const out: SyntheticScreening[] = [];
  for (let d = 0; d < options.days; d += 1) {
    const day = addDays(options.firstDay, d);
    for (const pointOfEntry of options.pointsOfEntry) {
      for (let n = int(options.perDay[0], options.perDay[1]); n > 0; n -= 1) {
        const crossingId = `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
        const time = `${String(int(6, 21)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}:00`;
        const symptoms: Symptom[] = random() < 0.8 ? [] : [...new Set([pick(SYMPTOMS), ...(random() < 0.3 ? [pick(SYMPTOMS)] : [])])];
        const visits: CountryVisit[] = [];
        if (random() < 0.25) {
          const to = addDays(day, -int(0, 30));
          visits.push({ country: pick(['MM', 'LA', 'KH', 'VN', 'CN', 'MY']), from: addDays(to, -int(0, 10)), to });
        }
        const celsius = random() < 0.85 ? 36 + int(0, 12) / 10 : 37.3 + int(0, 17) / 10;
        const commands: ScreeningCommand[] = [
          { kind: 'StartScreening', screening: { crossingId, pointOfEntry, ageBand: pick(AGE_BANDS), crossedAt: `${day}T${time}${options.utcOffset}` } },
          { kind: 'RecordHealthDeclaration', declaration: { crossingId, symptoms, countriesVisited: visits, contactWithCase: random() < 0.05 } },
          { kind: 'RecordTemperature', crossingId, celsius: Math.round(celsius * 10) / 10 },
        ];
        if (random() < 0.6) {
          const doses = int(1, 3);
          const last = int(5, 200);
          const doseDates = Array.from({ length: doses }, (_, i) => addDays(day, -(last + 28 * (doses - 1 - i))));
          const certificate = { crossingId, doses, product: pick(VACCINE_PRODUCTS), doseDates, verified: random() < 0.8 };
          commands.push({ kind: 'RecordVaccinationCertificate', certificate });
        }
        const mustTest = symptoms.length > 0 || celsius >= 37;
        if (mustTest || random() < 0.4) {
          const testType: TestType = random() < 0.7 ? 'rapid-antigen' : 'pcr';
          const draw = random();
          const result: TestResult = draw < 0.1 ? 'positive' : draw < 0.15 ? 'invalid' : 'negative';
          const test = (r: TestResult, t: TestType): ScreeningCommand => ({
            kind: 'RecordScreeningTest',
            test: { crossingId, testType: t, result: r, laboratory: `TH-LAB-${pointOfEntry.slice(3)}` },
          });
          commands.push(test(result, testType));
          if (result === 'invalid') commands.push(test(random() < 0.1 ? 'positive' : 'negative', 'pcr'));
        }
        if (random() >= 0.03) commands.push({ kind: 'DecideScreeningOutcome', crossingId });
        out.push({ crossingId, commands });
      }
    }
  }
  return out;
}
