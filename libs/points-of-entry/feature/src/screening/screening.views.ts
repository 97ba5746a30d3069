import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTCOME_CATEGORIES, PATHWAYS } from '@border-ledger/points-of-entry-domain';

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
