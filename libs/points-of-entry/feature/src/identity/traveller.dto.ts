import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Length, Matches } from 'class-validator';
import { DOCUMENT_TYPES, ERASURE_REASONS, type DocumentType, type ErasureReason } from '@border-ledger/points-of-entry-domain';
import { OptionalField, PRINTABLE } from '@border-ledger/platform';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The traveller's document, taken at the post. The number is turned into a traveller reference
 * (keyed hash) and, with the name, sealed under the traveller's own key: never stored in clear.
 */
export class TravellerDocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'passport' })
  @IsIn(DOCUMENT_TYPES)
  readonly documentType!: DocumentType;

  @ApiProperty({ example: 'N1234567', description: 'Letters and digits; spaces, hyphens, dots and slashes are ignored for linking' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 ./-]{2,29}$/, { message: 'documentNumber must be 3-30 letters, digits, spaces, . / -' })
  readonly documentNumber!: string;

  @ApiPropertyOptional({ example: 'Sok Dara', description: 'Full name as on the document' })
  @OptionalField()
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  readonly name?: string;

  @ApiPropertyOptional({ example: '2030-05-31', format: 'date' })
  @OptionalField()
  @IsString()
  @Matches(DATE, { message: 'documentExpiresOn must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'documentExpiresOn must be a calendar date' })
  readonly documentExpiresOn?: string;
}

/** Body of `POST /travellers/:travellerRef/erasure`. No personal data: it goes into the audit event. */
export class EraseTravellerIdentityDto {
  @ApiProperty({ enum: ERASURE_REASONS, example: 'data-subject-request' })
  @IsIn(ERASURE_REASONS)
  readonly reason!: ErasureReason;

  @ApiProperty({ example: 'TH PDPA 2019 s.33', description: 'The legal provision relied on' })
  @IsString()
  @Length(3, 200)
  @Matches(PRINTABLE, { message: 'legalBasis must not contain control characters' })
  readonly legalBasis!: string;

  @ApiProperty({ example: 'TH-IMM/dpo-17', description: 'Identifier of the requesting officer or case, not a name' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:/@-]{1,79}$/, {
    message: 'requestedBy must be an officer or case identifier (2-80 of letters, digits, . _ : / @ -)',
  })
  readonly requestedBy!: string;
}
