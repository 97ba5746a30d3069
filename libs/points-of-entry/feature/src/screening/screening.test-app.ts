import fc from 'fast-check';
import { CommandBus } from '@nestjs/cqrs';
import { executeCommand, type EventStore } from '@border-ledger/event-store';
import {
  decidePointOfEntry,
  evolvePointOfEntry,
  initialPointOfEntryState,
  pointOfEntryStream,
  referenceRegistrations,
  type ScreeningPolicyRules,
  type SyntheticScreening,
} from '@border-ledger/points-of-entry-domain';
import { startSqliteTestNode, type SqliteTestNode } from '../testing/sqlite-node.test-app';
import { ScreeningCommandMessage } from './screening.command-handler';
import { ScreeningModule } from './screening.module';

/** A Thai node with real SQLite files for the log and the read model, serving the screening module. */
export type ScreeningTestApp = SqliteTestNode;

export async function startScreeningTestApp(): Promise<ScreeningTestApp> {
  const node = await startSqliteTestNode('bl-screening-', {
    serviceName: 'screening-test',
    modules: [ScreeningModule],
    agency: 'TH-DDC',
    readModelFile: 'read.sqlite',
  });
  await registerThaiPointsOfEntry(node.store);
  return node;
}

/** Registers Thailand's reference points of entry, as a node does when it starts. */
async function registerThaiPointsOfEntry(store: EventStore): Promise<void> {
  for (const command of referenceRegistrations('TH')) {
    await executeCommand(store, {
      streamId: pointOfEntryStream(command.pointOfEntry.code),
      initialState: initialPointOfEntryState,
      evolve: evolvePointOfEntry,
      decide: (state) => decidePointOfEntry(command, state, { nodeCountry: 'TH' }),
      commandId: `register:${command.pointOfEntry.code}`,
      occurredAt: '2026-01-01T00:00:00+07:00',
      metadata: { agency: 'TH-IMM', country: 'TH', correlationId: 'test-setup', causationId: null },
    });
  }
}

/** The rules of Thailand's policy in the tests: fully vaccinated exempt, others tested or quarantined. */
export const currentRules: ScreeningPolicyRules = {
  symptoms: {
    watched: ['fever', 'cough', 'sore-throat', 'shortness-of-breath', 'loss-of-taste-or-smell'],
    referForCare: ['shortness-of-breath', 'confusion'],
    negativeTestQuarantineDays: 0,
  },
  temperature: { feverAtOrAboveCelsius: 37.5 },
  testing: { requiredFor: 'not-fully-vaccinated', acceptedTypes: ['rapid-antigen', 'pcr'], positiveOutcome: 'isolation', untestedQuarantineDays: 7 },
  vaccination: {
    fullyVaccinatedDoses: 2,
    acceptedProducts: ['comirnaty', 'spikevax', 'vaxzevria', 'coronavac', 'covilo'],
    verifiedCertificateRequired: true,
    daysAfterLastDose: 14,
    fullyVaccinatedQuarantineDays: 0,
    notFullyVaccinatedQuarantineDays: 0,
  },
  categoryRules: [{ when: { attribute: 'ageBand', in: ['0-4', '5-11'] }, exemptFromTesting: true, exemptFromQuarantine: true }],
  countriesVisited: [{ countries: ['MM'], withinDays: 14, quarantineDays: 10 }],
  contactWithCase: { quarantineDays: 14 },
};

/** A body of `POST /screening/policies`. */
export const policyBody = (version: number, effectiveFrom: string, rules: ScreeningPolicyRules = currentRules) => ({
  country: 'TH',
  version,
  effectiveFrom,
  rules,
});

/** Sends each synthetic screening's commands through the command bus, as the controllers do. */
export async function runScreenings(node: ScreeningTestApp, screenings: readonly SyntheticScreening[]): Promise<void> {
  const bus = node.api.app.get(CommandBus);
  for (const screening of screenings) {
    for (const [index, command] of screening.commands.entries()) {
      await bus.execute(new ScreeningCommandMessage(command, `synthetic:${screening.crossingId}:${index}`, 'synthetic-month'));
    }
  }
}

/**
 * Text that is never a valid value of any field: empty, or holding a character no code, key,
 * date or enum value has. Fuzzing with it keeps "invalid body" true by construction.
 */
export const junkText = (): fc.Arbitrary<string> => fc.string().filter((s) => s === '' || /[^A-Za-z0-9+._:-]/.test(s));
