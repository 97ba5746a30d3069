import { Body, Controller, Get, Headers, HttpCode, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '@border-ledger/event-store';
import { POINT_OF_ENTRY_CODE, RuleViolation, type OpeningHours } from '@border-ledger/points-of-entry-domain';
import { Access } from '@border-ledger/security';
import { ApiCommandErrors, ApiIdempotencyKey, ApiIfMatch } from '../openapi/api-docs';
import { PointOfEntryCommandMessage, type PointOfEntryReply } from './point-of-entry.command-handler';
import { PointOfEntryDirectory } from './point-of-entry.directory';
import {
  ChangePointOfEntryHoursDto,
  ListPointsOfEntryQuery,
  RegisterPointOfEntryDto,
  type OpeningHoursDto,
} from './point-of-entry.dto';
import { PointOfEntryRegistryProjection, type RegisteredPointOfEntry } from './point-of-entry.registry.projection';
import { PointOfEntryListView, PointOfEntryReplyView, PointOfEntryView } from './point-of-entry.views';
import { checkIdempotencyKey, correlationId, fieldError, type HeaderSink, ifMatchRevision } from '@border-ledger/platform';

@ApiTags('points of entry')
@Controller('points-of-entry')
export class PointOfEntryHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly registry: PointOfEntryRegistryProjection,
    private readonly directory: PointOfEntryDirectory,
  ) {}

  /** Registers a point of entry of this node's country. The same body sent again is stored once. */
  @Post()
  @HttpCode(201)
  @Access('point-of-entry.register', { type: 'point-of-entry' })
  @ApiIdempotencyKey()
  @ApiResponse({ status: 201, type: PointOfEntryReplyView, description: 'Registered (or a retry answered as before)' })
  @ApiCommandErrors()
  async register(
    @Body() body: RegisterPointOfEntryDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<PointOfEntryReply> {
    // Without a key the body itself identifies the command: an identical retry is a replay.
    const key = checkIdempotencyKey(idempotencyKey) ?? createHash('sha256').update(canonicalJson(body)).digest('hex');
    const reply = await this.commands.execute<PointOfEntryCommandMessage, PointOfEntryReply>(
      new PointOfEntryCommandMessage(
        {
          kind: 'RegisterPointOfEntry',
          pointOfEntry: {
            code: body.code,
            name: body.name.trim(),
            country: body.country,
            kind: body.kind,
            pairedWith: body.pairedWith,
            hours: toOpeningHours(body.hours),
          },
        },
        `register-point-of-entry:${body.code}:${key}`,
        correlationId(),
      ),
    );
    if (reply.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', `/points-of-entry/${body.code}`);
    return reply;
  }

  /** The registered points of entry (from the registry read model). */
  @Get()
  @Access('reference.read')
  @ApiOkResponse({ type: PointOfEntryListView })
  list(@Query() query: ListPointsOfEntryQuery): { items: RegisteredPointOfEntry[] } {
    return { items: this.registry.list(query) };
  }

  /** One point of entry, current as of its last event; its revision is also the `ETag`. */
  @Get(':code')
  @Access('reference.read')
  @ApiOkResponse({ type: PointOfEntryView })
  @ApiNotFoundResponse({ description: 'No such point of entry' })
  async get(@Param('code') code: string, @Res({ passthrough: true }) response: HeaderSink): Promise<RegisteredPointOfEntry> {
    const poe = await this.directory.fromStream(checkCode(code));
    if (!poe) throw new NotFoundException(`No point of entry ${code}`);
    response.setHeader('ETag', `"${poe.revision}"`);
    return poe;
  }

  /** Changes the opening hours. `If-Match: <revision>` guards against concurrent edits. */
  @Post(':code/hours')
  @HttpCode(200)
  @Access('point-of-entry.change-hours', { type: 'point-of-entry', idParam: 'code' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: PointOfEntryReplyView })
  @ApiNotFoundResponse({ description: 'No such point of entry' })
  @ApiCommandErrors({ edit: true })
  async changeHours(
    @Param('code') code: string,
    @Body() body: ChangePointOfEntryHoursDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<PointOfEntryReply> {
    checkCode(code);
    const key = checkIdempotencyKey(idempotencyKey) ?? randomUUID();
    try {
      return await this.commands.execute<PointOfEntryCommandMessage, PointOfEntryReply>(
        new PointOfEntryCommandMessage(
          { kind: 'ChangePointOfEntryHours', code, hours: toOpeningHours(body.hours) },
          `change-point-of-entry-hours:${code}:${key}`,
          correlationId(),
          ifMatchRevision(ifMatch, 'point of entry'),
        ),
      );
    } catch (error) {
      if (error instanceof RuleViolation && error.rule === 'point-of-entry-not-found') throw new NotFoundException(error.message);
      throw error;
    }
  }
}

function checkCode(code: string): string {
  if (!POINT_OF_ENTRY_CODE.test(code)) throw fieldError('code', 'must be a point-of-entry code like TH-ARANYAPRATHET');
  return code;
}

/** The validated DTO as the domain's union; `days` with `24h` is refused rather than dropped. */
function toOpeningHours(dto: OpeningHoursDto): OpeningHours {
  if (dto.kind === '24h') {
    if (dto.days !== undefined) throw fieldError('hours.days', 'must be absent when kind is 24h');
    return { kind: '24h' };
  }
  const days = dto.days!;
  const day = (d: keyof typeof days) => (days[d] === null ? null : { opens: days[d]!.opens, closes: days[d]!.closes });
  return {
    kind: 'weekly',
    days: { mon: day('mon'), tue: day('tue'), wed: day('wed'), thu: day('thu'), fri: day('fri'), sat: day('sat'), sun: day('sun') },
  };
}
