import { ApiProperty } from '@nestjs/swagger';
import { ScreeningPolicyRulesDto } from './policy-rules.dto';

/** Answer to a policy command. */
export class ScreeningPolicyReplyDoc {
  @ApiProperty({ example: '3f0c9a52-8d1e-4b7a-9c36-5e2f1d0a7b41' }) readonly policyId!: string;
  @ApiProperty({ example: 'TH' }) readonly country!: string;
  @ApiProperty({ example: 3 }) readonly version!: number;
  @ApiProperty({ example: '2026-12-01T00:00:00+07:00' }) readonly effectiveFrom!: string;
  @ApiProperty({ example: 2, description: 'Revision of the country policy stream: send it as If-Match to publish the next' })
  readonly revision!: number;
  @ApiProperty({ example: 1207 }) readonly position!: number;
  @ApiProperty({ example: false, description: 'True when this answers a retry of a command already stored' })
  readonly replayed!: boolean;
}

/** A published policy. */
export class ScreeningPolicyDoc {
  @ApiProperty({ example: '3f0c9a52-8d1e-4b7a-9c36-5e2f1d0a7b41' }) readonly policyId!: string;
  @ApiProperty({ example: 'TH' }) readonly country!: string;
  @ApiProperty({ example: 3 }) readonly version!: number;
  @ApiProperty({ example: '2026-12-01T00:00:00+07:00' }) readonly effectiveFrom!: string;
  @ApiProperty({ type: () => ScreeningPolicyRulesDto }) readonly rules!: ScreeningPolicyRulesDto;
}

/** The published policies of a country, oldest first. */
export class ScreeningPolicyListDoc {
  @ApiProperty({ example: 'TH' }) readonly country!: string;
  @ApiProperty({ example: 2, description: '-1 when no policy is published' }) readonly revision!: number;
  @ApiProperty({ type: () => [ScreeningPolicyDoc] }) readonly policies!: ScreeningPolicyDoc[];
}
