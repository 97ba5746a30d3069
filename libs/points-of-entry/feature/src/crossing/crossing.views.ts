import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGE_BANDS, CHANNELS, DIRECTIONS, PURPOSES, SEXES, VISA_TYPES } from '@border-ledger/points-of-entry-domain';
import { BorderPassDto } from './crossing.dto';

export class CrossingReplyView {
  @ApiProperty({ example: '5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a' }) readonly crossingId!: string;
  @ApiProperty({ enum: ['recorded', 'voided', 'none'], example: 'recorded' }) readonly status!: string;
  @ApiProperty({ nullable: true, type: String, example: 'b5752e6db4351888820917128b6ef17aa85e9806d4ef4b7734b0395846227a29' })
  readonly travellerRef!: string | null;
  @ApiProperty({ example: 0, description: 'Send as If-Match to void' }) readonly revision!: number;
  @ApiProperty({ example: 42 }) readonly position!: number;
  @ApiProperty({ example: false }) readonly replayed!: boolean;
}

export class IdentityView {
  @ApiProperty({ example: 'passport' }) readonly documentType!: string;
  @ApiProperty({ example: 'N1234567' }) readonly documentNumber!: string;
  @ApiPropertyOptional({ example: 'Sok Dara' }) readonly name?: string;
  @ApiPropertyOptional({ example: '1990-04-01' }) readonly dateOfBirth?: string;
  @ApiPropertyOptional({ example: '2030-05-31' }) readonly documentExpiresOn?: string;
}

export class CrossingView {
  @ApiProperty({ example: '5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a' }) readonly crossingId!: string;
  @ApiProperty({ example: 'TH-ARANYAPRATHET' }) readonly pointOfEntry!: string;
  @ApiProperty({ enum: DIRECTIONS, example: 'entry' }) readonly direction!: string;
  @ApiProperty({ enum: CHANNELS, example: 'border-pass' }) readonly channel!: string;
  @ApiProperty({ enum: PURPOSES, example: 'trade' }) readonly purpose!: string;
  @ApiProperty({ example: 'KH' }) readonly nationality!: string;
  @ApiProperty({ enum: SEXES, example: 'female' }) readonly sex!: string;
  @ApiProperty({ enum: AGE_BANDS, example: '25-34' }) readonly ageBand!: string;
  @ApiPropertyOptional({ type: () => BorderPassDto }) readonly borderPass?: BorderPassDto;
  @ApiPropertyOptional({ enum: VISA_TYPES }) readonly visaType?: string;
  @ApiPropertyOptional({ example: '0f6f7c1e-2b55-4c1b-9a8e-5d0a3c2b1f00' }) readonly groupId?: string;
  @ApiPropertyOptional({ example: '11111111-1111-4111-8111-111111111111' }) readonly guardianCrossingId?: string;
  @ApiPropertyOptional({ example: true }) readonly unaccompanied?: boolean;
  @ApiPropertyOptional({ example: 'b5752e6db4351888820917128b6ef17aa85e9806d4ef4b7734b0395846227a29' }) readonly travellerRef?: string;
  @ApiProperty({ enum: ['recorded', 'voided'], example: 'recorded' }) readonly status!: string;
  @ApiProperty({ example: '2026-11-23T08:00:00.000+07:00' }) readonly occurredAt!: string;
  @ApiProperty({ example: '2026-11-23T01:00:02.117Z' }) readonly recordedAt!: string;
  @ApiProperty({ example: 0 }) readonly revision!: number;
  @ApiProperty({ enum: ['none', 'readable', 'erased', 'unavailable'], example: 'readable' }) readonly identityStatus!: string;
  @ApiPropertyOptional({ type: () => IdentityView, description: 'Only while the traveller key exists' })
  readonly identity?: IdentityView;
  @ApiPropertyOptional({ example: 'Recorded twice' }) readonly voidReason?: string;
}
