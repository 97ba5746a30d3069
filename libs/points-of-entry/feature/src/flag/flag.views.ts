import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FLAG_CLOSE_REASONS, FLAG_WITHDRAW_REASONS, INDICATOR_CODES, SEVERITIES } from '@border-ledger/points-of-entry-domain';
import { FlagSubjectDto, FLAG_STATUSES } from './flag.dto';

const REASONS = [...FLAG_CLOSE_REASONS, ...FLAG_WITHDRAW_REASONS];

/** OpenAPI shape of a command's answer. */
export class FlagReplyDoc {
  @ApiProperty({ format: 'uuid', example: '0c6f5a3e-8a4b-4c1d-9e2f-3a4b5c6d7e8f' })
  readonly flagId!: string;

  @ApiProperty({ enum: FLAG_STATUSES, example: 'open' })
  readonly status!: string;

  @ApiProperty({ enum: SEVERITIES, example: 'high' })
  readonly severity!: string;

  @ApiProperty({ example: false })
  readonly childProtection!: boolean;

  @ApiProperty({ example: 0, description: 'Send it back in If-Match to edit the flag' })
  readonly revision!: number;

  @ApiProperty({ example: 42 })
  readonly position!: number;

  @ApiProperty({ example: false, description: 'True when this answers a retry of a stored command' })
  readonly replayed!: boolean;
}

/** OpenAPI shape of one catalogue entry. */
export class IndicatorDoc {
  @ApiProperty({ enum: INDICATOR_CODES, example: 'debt-bondage' })
  readonly code!: string;

  @ApiProperty({ example: 'Debt bondage' })
  readonly label!: string;

  @ApiProperty({ example: 3, minimum: 1, maximum: 5 })
  readonly weight!: number;

  @ApiProperty({ enum: ['ilo-forced-labour', 'htcds', 'child-protection'], example: 'ilo-forced-labour' })
  readonly source!: string;
}

/** OpenAPI shape of a flag in the list: no note. */
export class FlagSummaryDoc {
  @ApiProperty({ format: 'uuid', example: '0c6f5a3e-8a4b-4c1d-9e2f-3a4b5c6d7e8f' })
  readonly flagId!: string;

  @ApiProperty({ enum: FLAG_STATUSES, example: 'open' })
  readonly status!: string;

  @ApiProperty({ type: FlagSubjectDto })
  readonly subject!: FlagSubjectDto;

  @ApiProperty({ example: 'TH-MAESOT' })
  readonly pointOfEntry!: string;

  @ApiProperty({ enum: INDICATOR_CODES, isArray: true, example: ['deception', 'retention-of-identity-documents'] })
  readonly indicators!: string[];

  @ApiProperty({ enum: SEVERITIES, example: 'high' })
  readonly severity!: string;

  @ApiProperty({ example: false })
  readonly childProtection!: boolean;

  @ApiProperty({ example: '2026-11-23T15:40:00+07:00' })
  readonly observedAt!: string;

  @ApiProperty({ example: '2026-11-23T08:41:02.117Z' })
  readonly raisedAt!: string;

  @ApiPropertyOptional({ enum: REASONS, nullable: true, example: null })
  readonly closeReason!: string | null;

  @ApiProperty({ example: true, description: 'A note is kept on the node; read it with GET /flags/{flagId}' })
  readonly hasNote!: boolean;

  @ApiProperty({ example: 0 })
  readonly revision!: number;
}

/** OpenAPI shape of `GET /flags`. */
export class FlagListDoc {
  @ApiProperty({ example: 1 })
  readonly total!: number;

  @ApiProperty({ type: [FlagSummaryDoc] })
  readonly items!: FlagSummaryDoc[];
}

/** OpenAPI shape of the node-local note. */
export class FlagNoteDoc {
  @ApiProperty({ example: 'Travels with a broker who holds her passport; says she owes 30,000 baht for the job.' })
  readonly text!: string;

  @ApiProperty({ example: '2026-11-23T08:41:02.117Z' })
  readonly writtenAt!: string;
}

/** OpenAPI shape of `GET /flags/{flagId}`: the flag with its note. */
export class FlagDetailDoc extends FlagSummaryDoc {
  @ApiPropertyOptional({ type: FlagNoteDoc, nullable: true })
  readonly note!: FlagNoteDoc | null;
}
