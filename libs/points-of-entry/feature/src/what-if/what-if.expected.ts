import type { ScreeningCommand, SyntheticScreening } from '@border-ledger/points-of-entry-domain';

/**
 * Test support for the what-if: the expected outcomes of the synthetic screenings, computed from
 * their commands by a plain hand-written reading of the two policies of the test, with no use of
 * the domain's evaluator.
 */
export interface Expected {
  readonly category: 'cleared' | 'quarantine' | 'isolation' | 'referral-for-care';
  readonly days: number;
}

interface Traveller {
  readonly pointOfEntry: string;
  readonly crossedAt: string;
  readonly ageBand: string;
  readonly symptoms: readonly string[];
  readonly visits: ReadonlyArray<{ country: string; to: string }>;
  readonly contact: boolean;
  readonly celsius: number;
  readonly tests: ReadonlyArray<{ testType: string; result: string }>;
  readonly certificate: { doses: number; product: string; doseDates: readonly string[]; verified: boolean } | null;
  readonly decided: boolean;
}

export function traveller(screening: SyntheticScreening): Traveller {
  const find = <K extends ScreeningCommand['kind']>(kind: K) =>
    screening.commands.filter((c): c is Extract<ScreeningCommand, { kind: K }> => c.kind === kind);
  const start = find('StartScreening')[0].screening;
  const declaration = find('RecordHealthDeclaration')[0].declaration;
  return {
    pointOfEntry: start.pointOfEntry,
    crossedAt: start.crossedAt,
    ageBand: start.ageBand,
    symptoms: declaration.symptoms,
    visits: declaration.countriesVisited,
    contact: declaration.contactWithCase,
    celsius: find('RecordTemperature')[0].celsius,
    tests: find('RecordScreeningTest').map((c) => c.test),
    certificate: find('RecordVaccinationCertificate')[0]?.certificate ?? null,
    decided: find('DecideScreeningOutcome').length > 0,
  };
}

const dayNumber = (date: string): number => Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000;
const daysBefore = (t: Traveller, date: string): number => dayNumber(t.crossedAt) - dayNumber(date);
const isChild = (t: Traveller): boolean => t.ageBand === '0-4' || t.ageBand === '5-11';
const lastOf = <T>(items: readonly T[]): T | undefined => items[items.length - 1];
const withDays = (days: number): Expected => (days > 0 ? { category: 'quarantine', days } : { category: 'cleared', days: 0 });

/** Policy in force: threshold 37.5; PCR preferred; positive → isolation; vaccinated (2 doses, verified, 14 days) exempt; untested 7. */
export function currentPolicyOutcome(t: Traveller): Expected {
  const symptomatic = t.symptoms.some((s) => ['fever', 'cough', 'sore-throat', 'shortness-of-breath', 'loss-of-taste-or-smell', 'confusion'].includes(s)) || t.celsius >= 37.5;
  const valid = t.tests.filter((x) => x.result !== 'invalid');
  const test = lastOf(valid.filter((x) => x.testType === 'pcr')) ?? lastOf(valid);
  let exposure = t.visits.some((v) => v.country === 'MM' && daysBefore(t, v.to) <= 14) ? 10 : 0;
  if (t.contact) exposure = Math.max(exposure, 14);
  if (symptomatic && t.symptoms.some((s) => s === 'shortness-of-breath' || s === 'confusion')) return { category: 'referral-for-care', days: 0 };
  if (test?.result === 'positive') return { category: 'isolation', days: 0 };
  if (symptomatic) return test ? withDays(exposure) : { category: 'isolation', days: 0 };
  const c = t.certificate;
  const vaccinated =
    c !== null && c.doses >= 2 && c.verified && ['comirnaty', 'spikevax', 'vaxzevria', 'coronavac', 'covilo'].includes(c.product) && daysBefore(t, c.doseDates[c.doseDates.length - 1]) >= 14;
  const untested = !isChild(t) && !vaccinated && !test;
  return withDays(Math.max(untested ? 7 : 0, exposure));
}

/**
 * The draft: fever from 37.3; PCR only; positive → referral for care; everyone tested (children
 * exempt from testing only), untested 5 days; vaccinated 1 day; negative symptomatic 2 days;
 * Myanmar or Lao PDR within 21 days: 7 days; contact: 10 days.
 */
export function draftPolicyOutcome(t: Traveller): Expected {
  const symptomatic = t.symptoms.some((s) => ['fever', 'cough', 'sore-throat', 'shortness-of-breath', 'loss-of-taste-or-smell'].includes(s)) || t.celsius >= 37.3;
  const test = lastOf(t.tests.filter((x) => x.testType === 'pcr' && x.result !== 'invalid'));
  let exposure = t.visits.some((v) => (v.country === 'MM' || v.country === 'LA') && daysBefore(t, v.to) <= 21) ? 7 : 0;
  if (t.contact) exposure = Math.max(exposure, 10);
  if (symptomatic && t.symptoms.includes('shortness-of-breath')) return { category: 'referral-for-care', days: 0 };
  if (test?.result === 'positive') return { category: 'referral-for-care', days: 0 };
  if (symptomatic) return test ? withDays(Math.max(2, exposure)) : { category: 'isolation', days: 0 };
  const c = t.certificate;
  const vaccinated = c !== null && c.doses >= 2 && ['comirnaty', 'coronavac'].includes(c.product) && daysBefore(t, c.doseDates[c.doseDates.length - 1]) >= 14;
  let days = vaccinated ? 1 : 0;
  if (!isChild(t) && !test) days = 5;
  return withDays(Math.max(days, exposure));
}
