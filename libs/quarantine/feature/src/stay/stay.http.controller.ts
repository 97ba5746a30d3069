import { Body, Controller, Get, Headers, HttpCode, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { canonicalJson, EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import { RuleViolation } from '@border-ledger/points-of-entry-domain';
import { evolveStay, initialStayState, stayStream, type StayEvent, type StayState } from '@border-ledger/quarantine-domain';
import { checkIdempotencyKey, commandIdOf, correlationId, defined, fieldError, ifMatchRevision, type HeaderSink } from '@border-ledger/platform';
import { Access, AccessContext, CurrentAccess, type Action, type Resource } from '@border-ledger/security';
import { StayCommandMessage, type StayReply, type StayRequest } from './stay.command-handler';
import { AbscondStayDto, AdmitStayDto, DailyCheckDto, ReleaseStayDto, StayTestDto, TransferStayDto } from './stay.dto';
import { StayReplyView, StayView, stayView } from './stay.views';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Retries with the same key are stored once' };
const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: 'The stay revision last read; 409 when it changed since' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STAY = { type: 'quarantine-stay', idParam: 'crossingId' } as const;

/** Stays at quarantine centres: admission by hand, daily checks, tests, release, transfer, absconding. */
@ApiTags('quarantine stays')
@Controller('quarantine/stays')
export class StayHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Admits a traveller by hand (e.g. one awaiting a place). The same body sent again is stored once. */
  @Post()
  @HttpCode(201)
  @Access('quarantine-stay.admit', { type: 'quarantine-stay' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiResponse({ status: 201, type: StayReplyView })
  @ApiUnprocessableEntityResponse({ description: 'Refused by a rule: already admitted, centre full or unknown, terms missing…' })
  async admit(
    @CurrentAccess() access: AccessContext,
    @Body() body: AdmitStayDto,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<StayReply> {
    // Without a key the body identifies the command: an identical retry is a replay.
    // Staff admit to their own centres only.
    await access.authorize('quarantine-stay.admit', { ...access.unknownRecord('quarantine-stay', body.crossingId), centre: body.centre });
    const id = checkIdempotencyKey(key) ?? createHash('sha256').update(canonicalJson(body)).digest('hex');
    const request: StayRequest = defined({ kind: 'ManualAdmission' as const, ...body });
    const reply = await this.send(request, `admit-stay:${body.crossingId}:${id}`, ifMatch);
    if (reply.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', `/quarantine/stays/${body.crossingId}`);
    return reply;
  }

  /** The stay of a crossing; its revision is also the `ETag`. Health data: needs a purpose. */
  @Get(':crossingId')
  @Access('quarantine-stay.read', STAY)
  @ApiOkResponse({ type: StayView })
  @ApiNotFoundResponse({ description: 'No stay for that crossing' })
  async get(@CurrentAccess() access: AccessContext, @Param('crossingId') crossingId: string, @Res({ passthrough: true }) response: HeaderSink): Promise<StayView> {
    const { state, revision } = await this.load(checkCrossingId(crossingId));
    // A stay not admitted yet is at no centre: whether a traveller awaits a place, and on what
    // terms, is what the capacity alerts already show the country's staff.
    const atCentre = state.status !== 'none' && state.status !== 'awaiting-place';
    await access.authorize(atCentre ? 'quarantine-stay.read' : 'quarantine-alert.read', stayResource(access, crossingId, state));
    const view = stayView(crossingId, state, revision);
    if (!view) throw new NotFoundException(`No stay for crossing ${crossingId}`);
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Post(':crossingId/daily-checks')
  @HttpCode(200)
  @Access('quarantine-stay.record', STAY)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: StayReplyView })
  @ApiNotFoundResponse({ description: 'No stay for that crossing' })
  @ApiConflictResponse({ description: 'If-Match is not the current revision' })
  @ApiUnprocessableEntityResponse({ description: 'Refused by a rule (one check a day, not before admission…)' })
  async dailyCheck(
    @CurrentAccess() access: AccessContext,
    @Param('crossingId') crossingId: string,
    @Body() body: DailyCheckDto,
    @Headers('idempotency-key') key?: string,
    @Headers('if-match') ifMatch?: string,
  ): Promise<StayReply> {
    await this.check(access, 'quarantine-stay.record', checkCrossingId(crossingId));
    const request: StayRequest = { kind: 'RecordDailyCheck', crossingId: checkCrossingId(crossingId), date: body.date, symptoms: body.symptoms, celsius: body.celsius };
    return this.send(request, commandIdOf('daily-check', crossingId, checkIdempotencyKey(key)), ifMatch);
  }

  @Post(':crossingId/tests')
  @HttpCode(200)
  @Access('quarantine-stay.record', STAY)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: StayReplyView })
  async test(
    @CurrentAccess() access: AccessContext,
    @Param('crossingId') crossingId: string,
    @Body() body: StayTestDto,
    @Headers('idempotency-key') key?: string,
    @Headers('if-match') ifMatch?: string,
  ): Promise<StayReply> {
    await this.check(access, 'quarantine-stay.record', checkCrossingId(crossingId));
    const request: StayRequest = { kind: 'RecordStayTest', crossingId: checkCrossingId(crossingId), testType: body.testType, result: body.result, takenAt: body.takenAt };
    return this.send(request, commandIdOf('stay-test', crossingId, checkIdempotencyKey(key)), ifMatch);
  }

  /** Releases once the days are done (and a negative test where the admission requires one). */
  @Post(':crossingId/release')
  @HttpCode(200)
  @Access('quarantine-stay.release', STAY)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: StayReplyView })
  @ApiUnprocessableEntityResponse({ description: 'Days not completed, negative test required, latest test positive…' })
  async release(
    @CurrentAccess() access: AccessContext,
    @Param('crossingId') crossingId: string,
    @Body() body: ReleaseStayDto,
    @Headers('idempotency-key') key?: string,
    @Headers('if-match') ifMatch?: string,
  ): Promise<StayReply> {
    await this.check(access, 'quarantine-stay.release', checkCrossingId(crossingId));
    const request: StayRequest = { kind: 'Release', crossingId: checkCrossingId(crossingId), releasedAt: body.releasedAt };
    return this.send(request, commandIdOf('release-stay', crossingId, checkIdempotencyKey(key)), ifMatch);
  }

  /** Moves the stay to another centre with a free place of its category. */
  @Post(':crossingId/transfer')
  @HttpCode(200)
  @Access('quarantine-stay.transfer', STAY)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: StayReplyView })
  @ApiUnprocessableEntityResponse({ description: 'Same centre, unknown centre, category not offered or full…' })
  async transfer(
    @CurrentAccess() access: AccessContext,
    @Param('crossingId') crossingId: string,
    @Body() body: TransferStayDto,
    @Headers('idempotency-key') key?: string,
    @Headers('if-match') ifMatch?: string,
  ): Promise<StayReply> {
    await this.check(access, 'quarantine-stay.transfer', checkCrossingId(crossingId));
    const request: StayRequest = { kind: 'Transfer', crossingId: checkCrossingId(crossingId), to: body.to, transferredAt: body.transferredAt };
    return this.send(request, commandIdOf('transfer-stay', crossingId, checkIdempotencyKey(key)), ifMatch);
  }

  @Post(':crossingId/abscond')
  @HttpCode(200)
  @Access('quarantine-stay.abscond', STAY)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: StayReplyView })
  async abscond(
    @CurrentAccess() access: AccessContext,
    @Param('crossingId') crossingId: string,
    @Body() body: AbscondStayDto,
    @Headers('idempotency-key') key?: string,
    @Headers('if-match') ifMatch?: string,
  ): Promise<StayReply> {
    await this.check(access, 'quarantine-stay.abscond', checkCrossingId(crossingId));
    const request: StayRequest = { kind: 'Abscond', crossingId: checkCrossingId(crossingId), abscondedAt: body.abscondedAt };
    return this.send(request, commandIdOf('abscond-stay', crossingId, checkIdempotencyKey(key)), ifMatch);
  }

  /** The stay folded from its stream, and its revision (-1 when there is none). */
  private async load(crossingId: string): Promise<{ state: StayState; revision: number }> {
    const events = await this.store.readStream(stayStream(crossingId));
    return { state: events.reduce((s, e) => evolveStay(s, { type: e.type, data: e.data } as StayEvent), initialStayState), revision: events.length - 1 };
  }

  /** Staff act on the stays of their own centres: the check is on where the stay is now. */
  private async check(access: AccessContext, action: Action, crossingId: string): Promise<void> {
    await access.authorize(action, stayResource(access, crossingId, (await this.load(crossingId)).state));
  }

  private async send(request: StayRequest, commandId: string, ifMatch: string | undefined): Promise<StayReply> {
    const expectedRevision = ifMatchRevision(ifMatch, 'stay');
    try {
      return await this.commands.execute<StayCommandMessage, StayReply>(new StayCommandMessage(request, commandId, correlationId(), expectedRevision));
    } catch (error) {
      if (error instanceof RuleViolation && error.rule === 'stay-not-found') throw new NotFoundException(error.message);
      throw error;
    }
  }
}

function checkCrossingId(crossingId: string): string {
  if (!UUID.test(crossingId)) throw fieldError('crossingId', 'must be a UUID');
  return crossingId;
}

/** A stay for access control: the node's country and the centre it is at (none before admission). */
function stayResource(access: AccessContext, crossingId: string, state: StayState): Resource {
  const record = access.unknownRecord('quarantine-stay', crossingId);
  return state.status === 'none' || state.status === 'awaiting-place' ? record : { ...record, centre: state.stay.centre };
}
