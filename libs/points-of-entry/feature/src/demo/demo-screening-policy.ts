import type { CommandBus } from '@nestjs/cqrs';
import type { ScreeningPolicy } from '@border-ledger/points-of-entry-domain';
import { ScreeningPolicyCommandMessage, type ScreeningPolicyReply } from '../policy/policy.command-handler';

/**
 * A first screening policy for the demo node's country, so a newcomer can screen a traveller at
 * once: fever from 37.5 °C, symptomatic travellers tested, fully vaccinated travellers exempt,
 * children under 12 exempt from testing and quarantine. Published once (a fixed command id).
 */
export function demoScreeningPolicy(country: string, effectiveFrom: string): ScreeningPolicy {
  return {
    policyId: `${country.toLowerCase()}-demo-policy-1`,
    country,
    version: 1,
    effectiveFrom,
    rules: {
      symptoms: {
        watched: ['fever', 'cough', 'sore-throat', 'shortness-of-breath', 'loss-of-taste-or-smell'],
        referForCare: ['shortness-of-breath', 'confusion', 'unexplained-bleeding'],
        negativeTestQuarantineDays: 0,
      },
      temperature: { feverAtOrAboveCelsius: 37.5 },
      testing: { requiredFor: 'not-fully-vaccinated', acceptedTypes: ['rapid-antigen', 'pcr'], positiveOutcome: 'isolation', untestedQuarantineDays: 7 },
      vaccination: {
        fullyVaccinatedDoses: 2,
        acceptedProducts: ['comirnaty', 'spikevax', 'vaxzevria', 'covishield', 'coronavac', 'covilo'],
        verifiedCertificateRequired: true,
        daysAfterLastDose: 14,
        fullyVaccinatedQuarantineDays: 0,
        notFullyVaccinatedQuarantineDays: 7,
      },
      categoryRules: [{ when: { attribute: 'ageBand', in: ['0-4', '5-11'] }, exemptFromTesting: true, exemptFromQuarantine: true }],
      countriesVisited: [],
      contactWithCase: { quarantineDays: 10 },
    },
  };
}

export function seedDemoScreeningPolicy(commands: CommandBus, country: string, effectiveFrom: string): Promise<ScreeningPolicyReply> {
  return commands.execute<ScreeningPolicyCommandMessage, ScreeningPolicyReply>(
    new ScreeningPolicyCommandMessage(
      { kind: 'PublishScreeningPolicy', policy: demoScreeningPolicy(country, effectiveFrom) },
      `demo-screening-policy:${country}:1`,
      'demo-seed',
    ),
  );
}
