import { ApiProperty } from '@nestjs/swagger';
import { GMS_COUNTRIES, POE_KINDS } from '@border-ledger/points-of-entry-domain';
import { OpeningHoursDto } from './point-of-entry.dto';

/** Answer to a point-of-entry command (OpenAPI shape). */
export class PointOfEntryReplyView {
  @ApiProperty({ example: 'TH-ARANYAPRATHET' }) readonly code!: string;
  @ApiProperty({ enum: ['registered', 'none'], example: 'registered' }) readonly status!: string;
  @ApiProperty({ example: 0, description: 'Send as If-Match to edit' }) readonly revision!: number;
  @ApiProperty({ example: 42, description: 'Position in the node log' }) readonly position!: number;
  @ApiProperty({ example: false, description: 'True when this answers a retry of a stored command' }) readonly replayed!: boolean;
}

/** A registered point of entry (OpenAPI shape). */
export class PointOfEntryView {
  @ApiProperty({ example: 'TH-ARANYAPRATHET' }) readonly code!: string;
  @ApiProperty({ example: 'Aranyaprathet' }) readonly name!: string;
  @ApiProperty({ enum: GMS_COUNTRIES, example: 'TH' }) readonly country!: string;
  @ApiProperty({ enum: POE_KINDS, example: 'land' }) readonly kind!: string;
  @ApiProperty({ example: 'KH-POIPET', nullable: true, type: String }) readonly pairedWith!: string | null;
  @ApiProperty({ type: () => OpeningHoursDto }) readonly hours!: OpeningHoursDto;
  @ApiProperty({ example: 0 }) readonly revision!: number;
}

export class PointOfEntryListView {
  @ApiProperty({ type: () => [PointOfEntryView] }) readonly items!: PointOfEntryView[];
}
