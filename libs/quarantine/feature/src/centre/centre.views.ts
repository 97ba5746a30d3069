import { ApiProperty } from '@nestjs/swagger';
import { CapacityDto } from './centre.dto';

/** Answer to a centre command (OpenAPI shape). */
export class CentreReplyView {
  @ApiProperty({ example: 'TH-TAK-MAESOT-1' }) readonly code!: string;
  @ApiProperty({ enum: ['registered', 'none'], example: 'registered' }) readonly status!: string;
  @ApiProperty({ example: 0, description: 'Send as If-Match to edit' }) readonly revision!: number;
  @ApiProperty({ example: 42, description: 'Position in the node log' }) readonly position!: number;
  @ApiProperty({ example: false, description: 'True when this answers a retry of a stored command' }) readonly replayed!: boolean;
}

/** A registered centre with its capacity and occupancy by category (OpenAPI shape). */
export class CentreView {
  @ApiProperty({ example: 'TH-TAK-MAESOT-1' }) readonly code!: string;
  @ApiProperty({ example: 'Mae Sot field hospital' }) readonly name!: string;
  @ApiProperty({ example: 'TH' }) readonly country!: string;
  @ApiProperty({ example: 'Tak' }) readonly province!: string;
  @ApiProperty({ type: () => CapacityDto }) readonly capacity!: CapacityDto;
  @ApiProperty({ type: () => CapacityDto, description: 'Places in use now (stays admitted and not yet gone)' }) readonly occupancy!: CapacityDto;
  @ApiProperty({ example: 0 }) readonly revision!: number;
}

export class CentreListView {
  @ApiProperty({ type: () => [CentreView] }) readonly items!: CentreView[];
}
