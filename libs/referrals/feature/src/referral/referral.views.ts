import { ApiProperty } from '@nestjs/swagger';
import type { ReferralState } from '@border-ledger/referrals-domain';

/** Answer to a referral command (OpenAPI shape). */
export class ReferralReplyView {
  @ApiProperty({ example: '0c6f5a3e-8a4b-4c1d-9e2f-3a4b5c6d7e8f.child-protection' }) readonly referralId!: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined', 'closed', 'revoked'] }) readonly status!: string;
  @ApiProperty({ example: 1, description: 'Send as If-Match to edit' }) readonly revision!: number;
  @ApiProperty({ example: 42 }) readonly position!: number;
  @ApiProperty({ example: false, description: 'True when this answers a retry of a stored command' }) readonly replayed!: boolean;
}

/** One referral as its events describe it, for protection officers. */
export function referralDetail(state: Exclude<ReferralState, { status: 'none' }>, revision: number, now: Date): Record<string, unknown> {
  const { referral } = state;
  return {
    ...referral,
    status: state.status,
    outcome: state.status === 'closed' ? state.outcome : null,
    revokeReason: state.status === 'revoked' ? state.reason : null,
    overdue: state.status === 'pending' && now.getTime() > Date.parse(referral.acceptanceDeadline),
    revision,
  };
}
