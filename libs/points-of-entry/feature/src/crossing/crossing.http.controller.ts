import { Body, Controller, Get, Headers, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { deterministicEventId, EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import {
  crossingStream,
  evolveCrossing,
  initialCrossingState,
  type CrossingDraft,
  type CrossingEvent,
} from '@border-ledger/points-of-entry-domain';
import { Access, atPointOfEntry, CurrentAccess, type AccessContext } from '@border-ledger/security';
import { ApiCommandErrors, ApiIdempotencyKey, ApiIfMatch } from '../openapi/api-docs';
import { TravellerIdentityService } from '../identity/traveller-identity.service';
import { recordAt } from '../shared/record-access';
import { CrossingCommandMessage, type CrossingReply } from './crossing.command-handlers';
import { RecordCrossingDto, VoidCrossingDto } from './crossing.dto';
import { CrossingReplyView, CrossingView } from './crossing.views';
import { checkIdempotencyKey, correlationId, defined, type HeaderSink, ifMatchRevision } from '@border-ledger/platform';

@ApiTags('crossings')
@Controller('crossings')
export class CrossingHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly identity: TravellerIdentityService,
  ) {}

  /** Records a crossing. Retrying with the same `crossingId` or `Idempotency-Key` stores it once. */
  @Post()
  @HttpCode(201)
  @Access('crossing.record', { type: 'crossing' })
  @ApiIdempotencyKey()
  @ApiResponse({ status: 201, type: CrossingReplyView, description: 'Recorded (or a retry answered as before)' })
  @ApiCommandErrors()
  async record(
    @Body() body: RecordCrossingDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
    @CurrentAccess() access: AccessContext,
  ): Promise<CrossingReply> {
    const key = checkIdempotencyKey(idempotencyKey);
    const crossingId = body.crossingId ?? (key ? deterministicEventId(`crossing-key:${key}`, 0) : randomUUID());
    await access.authorize('crossing.record', atPointOfEntry('crossing', crossingId, body.pointOfEntry));
    // A retry names a recorded crossing: the caller must be allowed where it was recorded too.
    const { state: recorded } = await this.load(crossingId);
    if (recorded.status !== 'none') await access.authorize('crossing.record', atPointOfEntry('crossing', crossingId, recorded.crossing.pointOfEntry));
    const crossing: CrossingDraft = defined({
      crossingId,
      pointOfEntry: body.pointOfEntry,
      direction: body.direction,
      channel: body.channel,
      purpose: body.purpose,
      nationality: body.nationality,
      sex: body.sex,
      ageBand: body.ageBand,
      borderPass: body.borderPass && { area: body.borderPass.area.trim(), validDays: body.borderPass.validDays },
      visaType: body.visaType,
      groupId: body.groupId,
      guardianCrossingId: body.guardianCrossingId,
      unaccompanied: body.unaccompanied,
    });
    const traveller = body.traveller && defined({ ...body.traveller });
    const reply = await this.commands.execute<CrossingCommandMessage, CrossingReply>(
      new CrossingCommandMessage(
        defined({ kind: 'RecordCrossing' as const, crossing, occurredAt: body.occurredAt, dateOfBirth: body.dateOfBirth }),
        `record-crossing:${crossingId}`,
        correlationId(),
        undefined,
        traveller,
      ),
    );
    if (reply.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', `/crossings/${crossingId}`);
    return reply;
  }

  /** A crossing with its envelope; the identity only where this node can still decrypt it. */
  @Get(':crossingId')
  @Access('crossing.read', { type: 'crossing', idParam: 'crossingId' })
  @ApiOkResponse({ type: CrossingView })
  @ApiNotFoundResponse({ description: 'No such crossing' })
  async get(@Param('crossingId', new ParseUUIDPipe()) crossingId: string, @CurrentAccess() access: AccessContext): Promise<Record<string, unknown>> {
    const { events, state } = await this.load(crossingId);
    if (state.status === 'none') throw new NotFoundException(`No crossing ${crossingId}`);
    await access.authorize('crossing.read', atPointOfEntry('crossing', crossingId, state.crossing.pointOfEntry));
    const { identity: _sealed, ...crossing } = state.crossing;
    const reading = await this.identity.reveal(state.crossing);
    const last = events[events.length - 1];
    return {
      ...crossing,
      status: state.status,
      occurredAt: events[0].occurredAt,
      recordedAt: events[0].recordedAt,
      revision: last.revision,
      identityStatus: reading.status,
      ...(reading.status === 'readable' ? { identity: reading.identity } : {}),
      ...(state.status === 'voided' ? { voidReason: state.reason } : {}),
    };
  }

  /** Voids a crossing recorded in error. `If-Match: <revision>` guards against concurrent edits. */
  @Post(':crossingId/void')
  @HttpCode(200)
  @Access('crossing.void', { type: 'crossing', idParam: 'crossingId' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: CrossingReplyView })
  @ApiCommandErrors({ edit: true })
  async void(
    @Param('crossingId', new ParseUUIDPipe()) crossingId: string,
    @Body() body: VoidCrossingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentAccess() access: AccessContext,
  ): Promise<CrossingReply> {
    const { state } = await this.load(crossingId);
    await access.authorize('crossing.void', recordAt(access, 'crossing', crossingId, state.status === 'none' ? undefined : state.crossing.pointOfEntry));
    const key = checkIdempotencyKey(idempotencyKey) ?? randomUUID();
    return this.commands.execute<CrossingCommandMessage, CrossingReply>(
      new CrossingCommandMessage(
        { kind: 'VoidCrossing', crossingId, reason: body.reason },
        `void-crossing:${crossingId}:${key}`,
        correlationId(),
        ifMatchRevision(ifMatch, 'crossing'),
      ),
    );
  }

  private async load(crossingId: string) {
    const events = await this.store.readStream(crossingStream(crossingId));
    const state = events.reduce((s, e) => evolveCrossing(s, { type: e.type, data: e.data } as CrossingEvent), initialCrossingState);
    return { events, state };
  }
}
