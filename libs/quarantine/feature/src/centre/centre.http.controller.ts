import { Body, Controller, Get, Headers, HttpCode, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '@border-ledger/event-store';
import { RuleViolation } from '@border-ledger/points-of-entry-domain';
import type { Capacity } from '@border-ledger/quarantine-domain';
import { Access } from '@border-ledger/security';
import { CentreCommandMessage, type CentreReply } from './centre.command-handler';
import { CENTRE_CODE, CENTRE_CODE_MESSAGE, ChangeCentreCapacityDto, ListCentresQuery, RegisterCentreDto, type CapacityDto } from './centre.dto';
import { CentreListView, CentreReplyView, CentreView } from './centre.views';
import { CentresProjection, type RegisteredCentre } from './centres.projection';
import { checkIdempotencyKey, correlationId, fieldError, type HeaderSink, ifMatchRevision } from '@border-ledger/platform';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Retries with the same key are stored once' };

/**
 * Quarantine centres. The role table has no quarantine-centre actions yet: writes take the
 * administrators' node actions of points of entry, reads the reference read every role has.
 */
@ApiTags('quarantine centres')
@Controller('quarantine/centres')
export class CentreHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly centres: CentresProjection,
  ) {}

  /** Registers a centre with its capacity by category. The same body sent again is stored once. */
  @Post()
  @HttpCode(201)
  @Access('quarantine-centre.register', { type: 'quarantine-centre' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiResponse({ status: 201, type: CentreReplyView, description: 'Registered (or a retry answered as before)' })
  @ApiUnprocessableEntityResponse({ description: 'A rule refused it (already registered, code not in country, no places…)' })
  async register(
    @Body() body: RegisterCentreDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<CentreReply> {
    // Without a key the body itself identifies the command: an identical retry is a replay.
    const key = checkIdempotencyKey(idempotencyKey) ?? createHash('sha256').update(canonicalJson(body)).digest('hex');
    const reply = await this.commands.execute<CentreCommandMessage, CentreReply>(
      new CentreCommandMessage(
        {
          kind: 'RegisterCentre',
          centre: { code: body.code, name: body.name.trim(), country: body.country, province: body.province.trim(), capacity: toCapacity(body.capacity) },
        },
        `register-centre:${body.code}:${key}`,
        correlationId(),
      ),
    );
    if (reply.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', `/quarantine/centres/${body.code}`);
    return reply;
  }

  /** The registered centres with capacity and occupancy (from the centres read model). */
  @Get()
  @Access('quarantine-centre.read')
  @ApiOkResponse({ type: CentreListView })
  list(@Query() query: ListCentresQuery): { items: RegisteredCentre[] } {
    return { items: this.centres.list(query) };
  }

  /** One centre with its current capacity and occupancy; its revision is also the `ETag`. */
  @Get(':code')
  @Access('quarantine-centre.read')
  @ApiOkResponse({ type: CentreView })
  @ApiNotFoundResponse({ description: 'No such centre' })
  get(@Param('code') code: string, @Res({ passthrough: true }) response: HeaderSink): RegisteredCentre {
    const centre = this.centres.find(checkCode(code));
    if (!centre) throw new NotFoundException(`No centre ${code}`);
    response.setHeader('ETag', `"${centre.revision}"`);
    return centre;
  }

  /** Sets the whole capacity. `If-Match: <revision>` guards against concurrent edits. */
  @Post(':code/capacity')
  @HttpCode(200)
  @Access('quarantine-centre.change-capacity', { type: 'quarantine-centre', idParam: 'code' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision last read; 409 when the centre changed since' })
  @ApiOkResponse({ type: CentreReplyView })
  @ApiNotFoundResponse({ description: 'No such centre' })
  @ApiConflictResponse({ description: 'If-Match is not the current revision' })
  @ApiUnprocessableEntityResponse({ description: 'A rule refused it (below occupancy, no places…)' })
  async changeCapacity(
    @Param('code') code: string,
    @Body() body: ChangeCentreCapacityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<CentreReply> {
    checkCode(code);
    const key = checkIdempotencyKey(idempotencyKey) ?? randomUUID();
    const expectedRevision = ifMatchRevision(ifMatch, 'centre');
    try {
      return await this.commands.execute<CentreCommandMessage, CentreReply>(
        new CentreCommandMessage(
          { kind: 'ChangeCentreCapacity', code, capacity: toCapacity(body.capacity) },
          `change-centre-capacity:${code}:${key}`,
          correlationId(),
          expectedRevision,
        ),
      );
    } catch (error) {
      if (error instanceof RuleViolation && error.rule === 'centre-not-found') throw new NotFoundException(error.message);
      throw error;
    }
  }
}

function checkCode(code: string): string {
  if (!CENTRE_CODE.test(code)) throw fieldError('code', CENTRE_CODE_MESSAGE);
  return code;
}

function toCapacity(dto: CapacityDto): Capacity {
  return { adults: dto.adults, families: dto.families, 'isolation-rooms': dto['isolation-rooms'], 'children-with-guardian': dto['children-with-guardian'] };
}
