import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import {
  AGE_BANDS,
  CHANNELS,
  DIRECTIONS,
  ISO_COUNTRIES,
  POINTS_OF_ENTRY,
  PURPOSES,
  SEXES,
  type AgeBand,
  type Channel,
  type Direction,
  type Purpose,
  type Sex,
} from '@border-ledger/points-of-entry-domain';

const POE_CODES = POINTS_OF_ENTRY.map((poe) => poe.code);

/** Body of `POST /crossings`. Validated at the edge, then mapped to a plain command. */
export class RecordCrossingDto {
  /** Client-chosen id; sending the same body again with it is a safe retry. */
  @IsOptional()
  @IsUUID()
  readonly crossingId?: string;

  @IsIn(POE_CODES, { message: `pointOfEntry must be one of the known points of entry` })
  readonly pointOfEntry!: string;

  @IsIn(DIRECTIONS)
  readonly direction!: Direction;

  @IsIn(CHANNELS)
  readonly channel!: Channel;

  @IsIn(PURPOSES)
  readonly purpose!: Purpose;

  @IsIn(ISO_COUNTRIES, { message: 'nationality must be an ISO 3166-1 alpha-2 code' })
  readonly nationality!: string;

  @IsIn(SEXES)
  readonly sex!: Sex;

  @IsIn(AGE_BANDS)
  readonly ageBand!: AgeBand;

  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'occurredAt must carry a time zone' })
  readonly occurredAt!: string;
}

/** Body of `POST /crossings/:crossingId/void`. */
export class VoidCrossingDto {
  @IsString()
  @Length(3, 500)
  readonly reason!: string;
}
