import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { StayState } from '@border-ledger/quarantine-domain';

/** Answer to a stay command (OpenAPI shape). */
export class StayReplyView {
  @ApiProperty({ format: 'uuid' }) readonly crossingId!: string;
  @ApiProperty({ enum: ['none', 'awaiting-place', 'admitted', 'released', 'absconded'] }) readonly status!: string;
  @ApiProperty({ example: 0, description: 'Send as If-Match' }) readonly revision!: number;
  @ApiProperty({ example: 42 }) readonly position!: number;
  @ApiProperty({ example: false }) readonly replayed!: boolean;
}

/** A stay as its stream tells it (OpenAPI shape). */
export class StayView {
  @ApiProperty({ format: 'uuid' }) readonly crossingId!: string;
  @ApiProperty({ enum: ['awaiting-place', 'admitted', 'released', 'absconded'] }) readonly status!: string;
  @ApiPropertyOptional({ example: 'TH-SAKAEO-1' }) readonly centre?: string;
  @ApiProperty({ example: 'adults' }) readonly category!: string;
  @ApiProperty({ enum: ['quarantine', 'isolation'] }) readonly measure!: string;
  @ApiProperty({ example: 10 }) readonly days!: number;
  @ApiProperty() readonly requiresNegativeTest!: boolean;
  @ApiPropertyOptional() readonly admittedAt?: string;
  @ApiPropertyOptional({ description: 'When the measure began, if before the admission; the days count from it' }) readonly countedFrom?: string;
  @ApiPropertyOptional() readonly expectedReleaseAt?: string;
  @ApiPropertyOptional({ type: [String] }) readonly checkedDays?: string[];
  @ApiPropertyOptional({ enum: ['positive', 'negative', 'invalid'], nullable: true }) readonly latestTest?: string | null;
  @ApiPropertyOptional() readonly releasedAt?: string;
  @ApiPropertyOptional() readonly abscondedAt?: string;
  @ApiPropertyOptional({ description: 'While awaiting a place: when the capacity alert was raised' }) readonly alertRaisedAt?: string;
  @ApiProperty({ example: 3 }) readonly revision!: number;
}

/** The stay view of a folded stream (null when there is no stay). */
export function stayView(crossingId: string, state: StayState, revision: number): StayView | null {
  switch (state.status) {
    case 'none':
      return null;
    case 'awaiting-place': {
      const { category, measure, days, requiresNegativeTest, raisedAt } = state.alert;
      return { crossingId, status: state.status, category, measure, days, requiresNegativeTest, alertRaisedAt: raisedAt, revision };
    }
    case 'admitted':
    case 'released':
    case 'absconded': {
      const { centre, category, measure, days, requiresNegativeTest, admittedAt, countedFrom, expectedReleaseAt, checkedDays, latestTest } = state.stay;
      return {
        crossingId, status: state.status, centre, category, measure, days, requiresNegativeTest, admittedAt, expectedReleaseAt,
        ...(countedFrom === undefined ? {} : { countedFrom }),
        checkedDays: [...checkedDays], latestTest,
        ...(state.status === 'released' ? { releasedAt: state.releasedAt } : {}),
        ...(state.status === 'absconded' ? { abscondedAt: state.abscondedAt } : {}),
        revision,
      };
    }
    default: {
      const never: never = state;
      return never;
    }
  }
}
