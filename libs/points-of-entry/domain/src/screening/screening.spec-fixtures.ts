import type { ScreeningPolicy, ScreeningPolicyRules } from '../policy/policy.types';
import { findPointOfEntry } from '../reference/points-of-entry.catalogue';
import type { ScreeningCommand, ScreeningContext } from './screening.commands';
import { decideScreening, evolveScreening, initialScreeningState, type ScreeningState } from './screening.decider';
import type { ScreeningEvent } from './screening.events';

/** Rules of a plain test policy: fully vaccinated exempt, others tested or quarantined. */
export const baseRules: ScreeningPolicyRules = {
  symptoms: { watched: ['fever', 'cough', 'sore-throat', 'shortness-of-breath'], referForCare: ['shortness-of-breath'], negativeTestQuarantineDays: 0 },
  temperature: { feverAtOrAboveCelsius: 37.5 },
  testing: { requiredFor: 'not-fully-vaccinated', acceptedTypes: ['rapid-antigen', 'pcr'], positiveOutcome: 'isolation', untestedQuarantineDays: 7 },
  vaccination: {
    fullyVaccinatedDoses: 2,
    acceptedProducts: ['comirnaty', 'coronavac', 'vaxzevria'],
    verifiedCertificateRequired: true,
    daysAfterLastDose: 14,
    fullyVaccinatedQuarantineDays: 0,
    notFullyVaccinatedQuarantineDays: 0,
  },
  categoryRules: [{ when: { attribute: 'ageBand', in: ['0-4', '5-11'] }, exemptFromTesting: true, exemptFromQuarantine: true }],
  countriesVisited: [{ countries: ['MM'], withinDays: 14, quarantineDays: 10 }],
  contactWithCase: { quarantineDays: 14 },
};

export const policyV1: ScreeningPolicy = {
  policyId: '0b7d6a0e-5d4c-4c1e-8a61-1f6a8f1e0001',
  country: 'TH',
  version: 1,
  effectiveFrom: '2026-01-01T00:00:00+07:00',
  rules: baseRules,
};

/** A policy with other rules, effective from a later date. */
export const policyV2: ScreeningPolicy = {
  policyId: '0b7d6a0e-5d4c-4c1e-8a61-1f6a8f1e0002',
  country: 'TH',
  version: 2,
  effectiveFrom: '2026-10-01T00:00:00+07:00',
  rules: { ...baseRules, vaccination: { ...baseRules.vaccination, fullyVaccinatedQuarantineDays: 1 } },
};

/** Runs commands through the decider, as the command handler would, and returns the events. */
export function run(commands: readonly ScreeningCommand[], context: ScreeningContext): ScreeningEvent[] {
  const events: ScreeningEvent[] = [];
  let state: ScreeningState = initialScreeningState;
  for (const command of commands) {
    const emitted = decideScreening(command, state, withPointOfEntry(context, command));
    state = emitted.reduce(evolveScreening, state);
    events.push(...emitted);
  }
  return events;
}

/** The context with the point of entry a start names, as registered from the reference catalogue. */
export function withPointOfEntry(context: ScreeningContext, command: ScreeningCommand): ScreeningContext {
  if (command.kind !== 'StartScreening') return context;
  const poe = findPointOfEntry(command.screening.pointOfEntry);
  return { ...context, pointOfEntry: poe ? { code: poe.code, country: poe.country } : undefined };
}
