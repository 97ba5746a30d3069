import { ApiProperty } from '@nestjs/swagger';

export class ErasureReplyView {
  @ApiProperty({ example: 'b5752e6db4351888820917128b6ef17aa85e9806d4ef4b7734b0395846227a29' }) readonly travellerRef!: string;
  @ApiProperty({ example: 1, description: 'Keys destroyed under this erasure' }) readonly keysErased!: number;
  @ApiProperty({ example: 1 }) readonly erasures!: number;
  @ApiProperty({ example: 0 }) readonly revision!: number;
  @ApiProperty({ example: 57 }) readonly position!: number;
  @ApiProperty({ example: false }) readonly replayed!: boolean;
}

export class TravellerCrossingView {
  @ApiProperty({ example: '5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a' }) readonly crossingId!: string;
  @ApiProperty({ example: 'TH-ARANYAPRATHET' }) readonly pointOfEntry!: string;
  @ApiProperty({ example: 'entry' }) readonly direction!: string;
  @ApiProperty({ example: '2026-11-23T08:00:00.000+07:00' }) readonly occurredAt!: string;
  @ApiProperty({ example: false }) readonly voided!: boolean;
  @ApiProperty({ enum: ['none', 'readable', 'erased', 'unavailable'], example: 'readable' }) readonly identityStatus!: string;
}

export class TravellerErasureView {
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z' }) readonly erasedAt!: string;
  @ApiProperty({ example: 'data-subject-request' }) readonly reason!: string;
  @ApiProperty({ example: 2 }) readonly keysErased!: number;
}

export class TravellerView {
  @ApiProperty({ example: 'b5752e6db4351888820917128b6ef17aa85e9806d4ef4b7734b0395846227a29' }) readonly travellerRef!: string;
  @ApiProperty({ type: () => [TravellerCrossingView] }) readonly crossings!: TravellerCrossingView[];
  @ApiProperty({ type: () => [TravellerErasureView] }) readonly erasures!: TravellerErasureView[];
}
