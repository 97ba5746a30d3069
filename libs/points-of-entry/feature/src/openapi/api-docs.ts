import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** One invalid field of a 400 answer. */
export class FieldErrorDoc {
  @ApiProperty({ example: 'indicators[0]' })
  readonly field!: string;

  @ApiProperty({ type: [String], example: ['each value in indicators must be one of the following values: …'] })
  readonly messages!: string[];
}

/** Body of a 400: the request did not validate. */
export class ValidationFailedDoc {
  @ApiProperty({ example: 400 })
  readonly statusCode!: number;

  @ApiProperty({ example: 'Validation failed' })
  readonly message!: string;

  @ApiProperty({ type: [FieldErrorDoc] })
  readonly errors!: FieldErrorDoc[];

  @ApiProperty({ example: 'c0ffee00-1234-4cde-8f00-0123456789ab' })
  readonly correlationId!: string;
}

/** Body of a 422: a domain rule refused the command. */
export class RuleViolationDoc {
  @ApiProperty({ example: 422 })
  readonly statusCode!: number;

  @ApiProperty({ example: 'RULE_VIOLATION' })
  readonly code!: string;

  @ApiProperty({ example: 'child-referral-mandatory', description: 'Stable name of the rule that refused the command' })
  readonly rule!: string;

  @ApiProperty({ example: 'A child-protection flag is closed only by a referral to protection services' })
  readonly message!: string;

  @ApiProperty({ example: 'c0ffee00-1234-4cde-8f00-0123456789ab' })
  readonly correlationId!: string;
}

/** Body of a 409: `If-Match` named a revision that is no longer the current one. */
export class ConflictDoc {
  @ApiProperty({ example: 409 })
  readonly statusCode!: number;

  @ApiProperty({ example: 'WRONG_EXPECTED_REVISION' })
  readonly code!: string;

  @ApiPropertyOptional({ example: 0 })
  readonly expectedRevision?: number;

  @ApiPropertyOptional({ example: 1, description: 'Read the record again at this revision, then decide' })
  readonly currentRevision?: number;

  @ApiProperty({ example: 'c0ffee00-1234-4cde-8f00-0123456789ab' })
  readonly correlationId!: string;
}

/** The `Idempotency-Key` header every command accepts. */
export function ApiIdempotencyKey(): MethodDecorator & ClassDecorator {
  return ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retrying a command with the same key stores it once and answers the same (8-128 of A-Z a-z 0-9 . _ : -)',
    example: 'post-7-2026-11-23-0042',
  });
}

/** The `If-Match` header of edits: the revision the client last read. */
export function ApiIfMatch(): MethodDecorator & ClassDecorator {
  return ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'Revision the client last read (the ETag of the GET); a stale one answers 409 with the current revision',
    example: '0',
  });
}

/** The error answers of a command: 400 invalid body, 422 refused by a rule, and 409 for edits. */
export function ApiCommandErrors(options: { edit?: boolean } = {}): MethodDecorator {
  const decorators = [
    ApiResponse({ status: 400, description: 'Invalid body or header', type: ValidationFailedDoc }),
    ApiResponse({ status: 422, description: 'Refused by a domain rule', type: RuleViolationDoc }),
  ];
  if (options.edit) {
    decorators.push(ApiResponse({ status: 409, description: 'Stale If-Match: someone else changed the record', type: ConflictDoc }));
  }
  return applyDecorators(...decorators);
}
