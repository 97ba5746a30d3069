import { randomUUID } from 'node:crypto';
import type { EventEnvelope, EventStore } from '@border-ledger/event-store';
import {
  SCREENING_OUTCOME_DECIDED,
  SCREENING_POLICY_PUBLISHED,
  SCREENING_STARTED,
  screeningPolicyStream,
  screeningStream,
  type AgeBand,
  type ScreeningOutcome,
  type ScreeningPolicy,
  type TestingRequiredFor,
} from '@border-ledger/points-of-entry-domain';

/** A Thai screening policy as points-of-entry publishes it (only `testing.requiredFor` matters here). */
export const policy = (version: number, requiredFor: TestingRequiredFor): ScreeningPolicy => ({
  policyId: `th-policy-${version}`,
  country: 'TH',
  version,
  effectiveFrom: '2026-01-01T00:00:00+07:00',
  rules: {
    symptoms: { watched: ['fever', 'cough'], referForCare: ['shortness-of-breath'], negativeTestQuarantineDays: 0 },
    temperature: { feverAtOrAboveCelsius: 37.5 },
    testing: { requiredFor, acceptedTypes: ['pcr'], positiveOutcome: 'isolation', untestedQuarantineDays: 7 },
    vaccination: {
      fullyVaccinatedDoses: 2, acceptedProducts: ['coronavac'], verifiedCertificateRequired: true, daysAfterLastDose: 14,
      fullyVaccinatedQuarantineDays: 0, notFullyVaccinatedQuarantineDays: 7,
    },
    categoryRules: [],
    countriesVisited: [],
    contactWithCase: { quarantineDays: 0 },
  },
});

const meta = (country: string) => ({ agency: `${country}-DDC`, country, correlationId: randomUUID(), causationId: null });

/** Appends a policy publication as the points-of-entry context would. */
export async function publishPolicy(store: EventStore, published: ScreeningPolicy, at: string): Promise<void> {
  const [last] = await store.readStream(screeningPolicyStream('TH'), { direction: 'backwards', limit: 1 });
  await store.append(
    screeningPolicyStream('TH'),
    [{ eventId: randomUUID(), type: SCREENING_POLICY_PUBLISHED, schemaVersion: 1, data: published, occurredAt: at, metadata: meta('TH') }],
    last ? last.revision : 'no-stream',
  );
}

/** Appends a whole screening (started, outcome decided) and returns the outcome event. */
export async function screen(
  store: EventStore,
  spec: { crossingId?: string; pointOfEntry: string; ageBand: AgeBand; outcome: ScreeningOutcome; policyVersion: number; at: string; crossedAt?: string; country?: string },
): Promise<EventEnvelope> {
  const crossingId = spec.crossingId ?? randomUUID();
  const country = spec.country ?? 'TH';
  const policyRef = { policyId: `th-policy-${spec.policyVersion}`, country: 'TH', version: spec.policyVersion };
  await store.append(
    screeningStream(crossingId),
    [
      { eventId: randomUUID(), type: SCREENING_STARTED, schemaVersion: 1, data: { crossingId, pointOfEntry: spec.pointOfEntry, ageBand: spec.ageBand, crossedAt: spec.crossedAt ?? spec.at }, occurredAt: spec.crossedAt ?? spec.at, metadata: meta(country) },
      { eventId: randomUUID(), type: SCREENING_OUTCOME_DECIDED, schemaVersion: 1, data: { crossingId, pathway: 'asymptomatic', outcome: spec.outcome, policy: policyRef }, occurredAt: spec.at, metadata: meta(country) },
    ],
    'no-stream',
  );
  const [outcome] = await store.readStream(screeningStream(crossingId), { direction: 'backwards', limit: 1 });
  return outcome;
}

/** Appends another outcome event for a screening already decided (a re-published or replayed outcome). */
export async function decideAgain(store: EventStore, outcome: EventEnvelope): Promise<void> {
  await store.append(outcome.streamId, [{ ...outcome, eventId: randomUUID() }].map(({ eventId, type, schemaVersion, data, occurredAt, metadata }) => ({ eventId, type, schemaVersion, data, occurredAt, metadata })), outcome.revision);
}

export const quarantine = (days: number): ScreeningOutcome => ({ category: 'quarantine', days, reasons: ['untested'] });
export const isolation: ScreeningOutcome = { category: 'isolation', reasons: ['positive-test'] };
export const cleared: ScreeningOutcome = { category: 'cleared', reasons: [] };
