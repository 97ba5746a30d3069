import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MAX_AUDIT_DAYS, daysBetween, queryAudit, type AuditRecord } from '../audit/audit-query';
import type { AuditLog } from '../audit/audit-log.port';
import { Access } from './access.decorators';
import { AUDIT_LOG, SECURITY_OPTIONS, type SecurityModuleOptions } from './security.options';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Query of `GET /audit`. */
export class AuditQueryDto {
  @ApiPropertyOptional({ example: '2026-11-23', description: 'First UTC day (default today)' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  readonly from?: string;

  @ApiPropertyOptional({ example: '2026-11-24', description: `Last UTC day, inclusive (default from); at most ${MAX_AUDIT_DAYS} days` })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' })
  readonly to?: string;

  @ApiPropertyOptional({ example: 'officer-0042', description: 'The token subject of the caller' })
  @IsOptional()
  @Matches(/^[^\p{Cc}\s]{1,128}$/u, { message: 'subject must be a token subject' })
  readonly subject?: string;

  @ApiPropertyOptional({ enum: ['granted', 'refused'] })
  @IsOptional()
  @IsIn(['granted', 'refused'])
  readonly outcome?: 'granted' | 'refused';

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  readonly limit?: number;
}

/** The audit of access, for auditors: who read which sensitive record, and every refusal. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(AUDIT_LOG) private readonly log: AuditLog,
    @Inject(SECURITY_OPTIONS) private readonly options: SecurityModuleOptions,
  ) {}

  @Get()
  @Access('audit.read')
  @ApiOperation({ summary: 'Access records of a period: granted sensitive reads and refusals, with their place in the hash chain' })
  @ApiOkResponse({ description: '{ from, to, total, items }' })
  async list(@Query() query: AuditQueryDto): Promise<{ from: string; to: string; total: number; items: AuditRecord[] }> {
    const from = query.from ?? (this.options.clock?.() ?? new Date()).toISOString().slice(0, 10);
    const to = query.to ?? from;
    if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)) || to < from) throw invalid('to', 'to must be a day on or after from');
    if (daysBetween(from, to).length > MAX_AUDIT_DAYS) throw invalid('to', `the period must not be longer than ${MAX_AUDIT_DAYS} days`);
    const result = await queryAudit(this.log, { from, to, subject: query.subject, outcome: query.outcome, limit: query.limit ?? 1000 });
    return { from, to, ...result };
  }

  @Get('verify')
  @Access('audit.read')
  @ApiOperation({ summary: "Walks the node log's hash chain (audit records included) and reports the first break" })
  verify(): Promise<{ ok: boolean; checked: number }> {
    return this.log.verify();
  }
}

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', errors: [{ field, messages: [message] }] });
}
