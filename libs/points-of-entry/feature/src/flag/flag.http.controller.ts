import { Body, Controller, Get, Headers, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { deterministicEventId, EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import {
  evolveFlag,
  flagStream,
  initialFlagState,
  TRAFFICKING_INDICATORS,
  type FlagCommand,
  type FlagEvent,
  type TraffickingIndicator,
} from '@border-ledger/points-of-entry-domain';
import { Access, atPointOfEntry, CurrentAccess, type AccessContext } from '@border-ledger/security';
import { ApiCommandErrors, ApiIdempotencyKey, ApiIfMatch } from '../openapi/api-docs';
import { recordAt } from '../shared/record-access';
import { FLAG_NOTE_STORE, type FlagNoteStore } from './flag-note.store';
import { FlagCommandMessage, type FlagReply } from './flag.command-handlers';
import { AddFlagIndicatorsDto, CloseFlagDto, FlagListQueryDto, RaiseFlagDto, WithdrawFlagDto } from './flag.dto';
import { FlagDetailDoc, FlagListDoc, FlagReplyDoc, IndicatorDoc } from './flag.views';
import { FlagsProjection, type FlagSummary } from './flags.projection';
import { checkIdempotencyKey, correlationId, type HeaderSink, ifMatchRevision } from '@border-ledger/platform';

const flagIdPipe = new ParseUUIDPipe();

/** Trafficking flags raised at the points of entry of this node. */
@ApiTags('trafficking flags')
@Controller('flags')
export class FlagHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FLAG_NOTE_STORE) private readonly notes: FlagNoteStore,
    private readonly flags: FlagsProjection,
  ) {}

  @Get('indicators')
  @Access('reference.read')
  @ApiOperation({ summary: 'The fixed indicator catalogue (ILO forced-labour indicators, HTCDS, child protection)' })
  @ApiOkResponse({ type: [IndicatorDoc], description: 'Codes, labels and weights' })
  indicators(): readonly TraffickingIndicator[] {
    return TRAFFICKING_INDICATORS;
  }

  @Post()
  @HttpCode(201)
  @Access('flag.raise', { type: 'flag' })
  @ApiOperation({ summary: 'Raise a flag; its severity follows from the indicators, its note stays on this node' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: FlagReplyDoc, description: 'Raised (or the answer of the first try, with Idempotent-Replayed: true)' })
  @ApiCommandErrors()
  async raise(
    @Body() body: RaiseFlagDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
    @CurrentAccess() access: AccessContext,
  ): Promise<FlagReply> {
    const key = checkIdempotencyKey(idempotencyKey);
    const flagId = body.flagId ?? (key ? deterministicEventId(`flag-key:${key}`, 0) : randomUUID());
    await access.authorize('flag.raise', atPointOfEntry('flag', flagId, body.pointOfEntry));
    // A retry names a raised flag: the caller must be allowed where it was raised too.
    const raised = await this.load(flagId);
    if (raised.state.status !== 'none') await access.authorize('flag.raise', atPointOfEntry('flag', flagId, raised.state.flag.pointOfEntry));
    const commandId = `raise-flag:${flagId}`;
    const note = body.note ?? undefined; // null counts as no note
    const command: FlagCommand = {
      kind: 'RaiseFlag',
      flagId,
      subject: { kind: body.subject.kind, id: body.subject.id },
      pointOfEntry: body.pointOfEntry,
      indicators: body.indicators,
      observedAt: body.observedAt,
      noteId: note === undefined ? null : deterministicEventId(`flag-note:${commandId}`, 0),
    };
    const reply = await this.execute(new FlagCommandMessage(command, commandId, correlationId(), undefined, note));
    if (reply.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', `/flags/${flagId}`);
    return reply;
  }

  @Get()
  @Access('flag.list', { type: 'flag' })
  @ApiOperation({ summary: "Flags, most severe and longest waiting first (no notes); a border officer's of their points of entry" })
  @ApiOkResponse({ type: FlagListDoc, description: 'Flags without their notes' })
  async list(@Query() query: FlagListQueryDto, @CurrentAccess() access: AccessContext): Promise<{ total: number; items: FlagSummary[] }> {
    const { pointOfEntry, ...filter } = query;
    const pointsOfEntry = await access.pointsOfEntry('flag.list', 'flag', pointOfEntry);
    return this.flags.list({ ...filter, ...(pointsOfEntry ? { pointsOfEntry } : {}), limit: query.limit ?? 100, offset: query.offset ?? 0 });
  }

  @Get(':flagId')
  @Access('flag.read', { type: 'flag', idParam: 'flagId' })
  @ApiOperation({ summary: 'One flag; its node-local note for protection officers only; the ETag is its revision' })
  @ApiOkResponse({ type: FlagDetailDoc, description: 'The flag, its ETag revision and (protection officers) its note' })
  @ApiNotFoundResponse({ description: 'No such flag' })
  async get(
    @Param('flagId', flagIdPipe) flagId: string,
    @Res({ passthrough: true }) response: HeaderSink,
    @CurrentAccess() access: AccessContext,
  ): Promise<Record<string, unknown>> {
    const { events, state } = await this.load(flagId);
    if (state.status === 'none') throw new NotFoundException(`No flag ${flagId}`);
    const view = await access.authorize('flag.read', atPointOfEntry('flag', flagId, state.flag.pointOfEntry));
    const revision = events[events.length - 1].revision;
    const withNote = view === 'with-note';
    const note = withNote && state.flag.noteId ? await this.notes.find(state.flag.noteId) : undefined;
    response.setHeader('ETag', `"${revision}"`);
    const { noteId, ...flag } = state.flag;
    return {
      ...flag,
      status: state.status,
      raisedAt: events[0].recordedAt,
      closeReason: state.status === 'open' ? null : state.reason,
      hasNote: noteId !== null,
      revision,
      note: note ? { text: note.text, writtenAt: note.writtenAt } : null,
      ...(withNote ? {} : { redacted: ['note'] }),
    };
  }

  @Post(':flagId/indicators')
  @HttpCode(200)
  @Access('flag.amend', { type: 'flag', idParam: 'flagId' })
  @ApiOperation({ summary: 'Add indicators; the severity is recomputed' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: FlagReplyDoc, description: 'The flag after the change' })
  @ApiCommandErrors({ edit: true })
  addIndicators(
    @Param('flagId', flagIdPipe) flagId: string,
    @Body() body: AddFlagIndicatorsDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentAccess() access: AccessContext,
  ): Promise<FlagReply> {
    return this.edit('flag.amend', { kind: 'AddFlagIndicators', flagId, indicators: body.indicators }, ifMatch, idempotencyKey, access);
  }

  @Post(':flagId/close')
  @HttpCode(200)
  @Access('flag.close', { type: 'flag', idParam: 'flagId' })
  @ApiOperation({ summary: 'Close an open flag with a reason (a child-protection flag only by referral)' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: FlagReplyDoc, description: 'The flag after the change' })
  @ApiCommandErrors({ edit: true })
  close(
    @Param('flagId', flagIdPipe) flagId: string,
    @Body() body: CloseFlagDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentAccess() access: AccessContext,
  ): Promise<FlagReply> {
    return this.edit('flag.close', { kind: 'CloseFlag', flagId, reason: body.reason }, ifMatch, idempotencyKey, access);
  }

  @Post(':flagId/withdraw')
  @HttpCode(200)
  @Access('flag.withdraw', { type: 'flag', idParam: 'flagId' })
  @ApiOperation({ summary: 'Withdraw an open flag raised in error' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: FlagReplyDoc, description: 'The flag after the change' })
  @ApiCommandErrors({ edit: true })
  withdraw(
    @Param('flagId', flagIdPipe) flagId: string,
    @Body() body: WithdrawFlagDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentAccess() access: AccessContext,
  ): Promise<FlagReply> {
    return this.edit('flag.withdraw', { kind: 'WithdrawFlag', flagId, reason: body.reason }, ifMatch, idempotencyKey, access);
  }

  private async edit(
    action: 'flag.amend' | 'flag.close' | 'flag.withdraw',
    command: FlagCommand & { flagId: string },
    ifMatch: string | undefined,
    idempotencyKey: string | undefined,
    access: AccessContext,
  ): Promise<FlagReply> {
    const { state } = await this.load(command.flagId);
    await access.authorize(action, recordAt(access, 'flag', command.flagId, state.status === 'none' ? undefined : state.flag.pointOfEntry));
    const expectedRevision = ifMatchRevision(ifMatch, 'flag');
    const key = checkIdempotencyKey(idempotencyKey) ?? randomUUID();
    return this.execute(new FlagCommandMessage(command, `${command.kind}:${command.flagId}:${key}`, correlationId(), expectedRevision));
  }

  private async load(flagId: string) {
    const events = await this.store.readStream(flagStream(flagId));
    const state = events.reduce((s, e) => evolveFlag(s, { type: e.type, data: e.data } as FlagEvent), initialFlagState);
    return { events, state };
  }

  private execute(message: FlagCommandMessage): Promise<FlagReply> {
    return this.commands.execute<FlagCommandMessage, FlagReply>(message);
  }
}
