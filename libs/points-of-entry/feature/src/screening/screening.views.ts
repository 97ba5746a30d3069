import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTCOME_CATEGORIES, PATHWAYS, type ScreeningState } from '@border-ledger/points-of-entry-domain';
import type { View } from '@border-ledger/security';
import { screeningSummary } from './screening.command-handler';

export class PolicyRefDoc {
  @ApiProperty({ example: '3f0c9a52-8d1e-4b7a-9c36-5e2f1d0a7b41' }) readonly policyId!: string;
  @ApiProperty({ example: 'TH' }) readonly country!: string;
  @ApiProperty({ example: 3 }) readonly version!: number;
}

export class ScreeningOutcomeDoc {
  @ApiProperty({ enum: OUTCOME_CATEGORIES, example: 'quarantine' }) readonly category!: string;
  @ApiPropertyOptional({ example: 7, description: 'Quarantine days (quarantine only)' }) readonly days?: number;
  @ApiProperty({ type: [String], example: ['not-fully-vaccinated', 'required-test-missing'] }) readonly reasons!: string[];
}

/** Answer to a screening command. */
export class ScreeningReplyDoc {
  @ApiProperty({ example: '5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a' }) readonly crossingId!: string;
  @ApiProperty({ enum: ['started', 'declared', ...PATHWAYS, 'decided'], example: 'asymptomatic' }) readonly status!: string;
  @ApiProperty({ enum: PATHWAYS, nullable: true, example: 'asymptomatic' }) readonly pathway!: string | null;
  @ApiProperty({ type: () => ScreeningOutcomeDoc, nullable: true }) readonly outcome!: ScreeningOutcomeDoc | null;
  @ApiProperty({ type: () => PolicyRefDoc, nullable: true }) readonly policy!: PolicyRefDoc | null;
  @ApiProperty({ example: 3, description: 'Send as If-Match with the next step' }) readonly revision!: number;
  @ApiProperty({ example: 1207 }) readonly position!: number;
  @ApiProperty({ example: false }) readonly replayed!: boolean;
}

/** A screening as read back: its facts, pathway, outcome and the policy that decided it. */
export class ScreeningDetailDoc extends ScreeningReplyDoc {
  @ApiProperty({ example: 'TH-MAESOT' }) readonly pointOfEntry!: string;
  @ApiProperty({ example: '25-34' }) readonly ageBand!: string;
  @ApiProperty({ example: '2026-11-23T08:40:00+07:00' }) readonly crossedAt!: string;
  @ApiProperty({ example: { symptoms: [], countriesVisited: [], contactWithCase: false }, nullable: true })
  readonly declaration!: object | null;
  @ApiProperty({ example: 36.7, nullable: true }) readonly temperatureCelsius!: number | null;
  @ApiProperty({ example: [{ testType: 'rapid-antigen', result: 'negative', laboratory: 'TH-LAB-MAESOT' }] })
  readonly tests!: object[];
  @ApiProperty({ example: { doses: 2, product: 'coronavac', doseDates: ['2026-03-01', '2026-04-01'], verified: true }, nullable: true })
  readonly vaccination!: object | null;
}

/** The clinical facts of a screening: health roles see them, others the outcome category only. */
export const CLINICAL_FIELDS = ['pathway', 'outcome.reasons', 'declaration', 'temperatureCelsius', 'tests', 'vaccination'] as const;

/**
 * A screening as read back under a view: `clinical` (port health officers, quarantine staff)
 * shows every fact; `outcome-only` (border officers) the status and outcome category, with the
 * clinical fields listed in `redacted`.
 */
export function screeningDetail(state: Exclude<ScreeningState, { status: 'none' }>, revision: number, view: View): Record<string, unknown> {
  const { crossingId, ...facts } = state.facts;
  const summary = screeningSummary(state);
  if (view !== 'outcome-only') return { crossingId, ...summary, ...facts, revision };
  const { pointOfEntry, ageBand, crossedAt } = facts;
  const outcome = summary.outcome && { category: summary.outcome.category, ...('days' in summary.outcome ? { days: summary.outcome.days } : {}) };
  const status = summary.status === 'symptomatic' || summary.status === 'asymptomatic' ? 'assessed' : summary.status;
  return { crossingId, status, outcome, policy: summary.policy, pointOfEntry, ageBand, crossedAt, revision, redacted: [...CLINICAL_FIELDS] };
}
