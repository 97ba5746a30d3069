import { Body, Controller, Get, Headers, HttpCode, Inject, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '@border-ledger/event-store';
import { checkIdempotencyKey, correlationId, fieldError, ifMatchRevision, type HeaderSink } from '@border-ledger/platform';
import { RuleViolation } from '@border-ledger/points-of-entry-domain';
import { referralIdFor, SERVICES, type ReferralCommand } from '@border-ledger/referrals-domain';
import { Access, atPointOfEntry, CurrentAccess, type AccessContext, type Action } from '@border-ledger/security';
import { processCommandIds } from '../process/referral-work';
import { ReferralsProcessStore } from '../process/referrals-process.store';
import { ReferralCommandHandler, ReferralCommandMessage, type ReferralReply } from './referral.command-handler';
import { CloseReferralDto, ConsentDto, DeclineReferralDto, ListReferralsQuery, OpenReferralDto, ReferralActDto, RevokeReferralDto, ShareReferralDto } from './referral.dto';
import { referralDetail, ReferralReplyView } from './referral.views';
import { ReferralsProjection, type ReferralCounts, type ReferralSummary } from './referrals.projection';

const REFERRAL_ID = new RegExp(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(${SERVICES.join('|')})$`);
const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'Retries with the same key are stored once' };
const IF_MATCH = { name: 'If-Match', required: false, description: 'The revision last read; 409 when the referral changed since' };
type EditAction = Extract<Action, `referral.${string}`>;

/** Referrals of trafficking flags to protection services: for protection officers only. */
@ApiTags('referrals')
@Controller('referrals')
export class ReferralHttpController {
  constructor(
    private readonly commands: ReferralCommandHandler,
    private readonly referrals: ReferralsProjection,
    private readonly process: ReferralsProcessStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Access('referral.list', { type: 'referral' })
  @ApiOperation({ summary: 'Referrals, urgent and nearest deadline first; filter by status, urgent, overdue, service, point of entry' })
  async list(@Query() query: ListReferralsQuery, @CurrentAccess() access: AccessContext): Promise<{ total: number; items: ReferralSummary[] }> {
    const pointsOfEntry = await access.pointsOfEntry('referral.list', 'referral', query.pointOfEntry);
    const flag = (text: 'true' | 'false' | undefined) => (text === undefined ? undefined : text === 'true');
    return this.referrals.list(
      { status: query.status, urgent: flag(query.urgent), overdue: flag(query.overdue), service: query.service, ...(pointsOfEntry ? { pointsOfEntry } : {}), limit: query.limit ?? 100, offset: query.offset ?? 0 },
      this.clock(),
    );
  }

  @Get('counts')
  @Access('referral.statistics')
  @ApiOperation({ summary: 'Counts by status and service, urgent pending, overdue and escalated (no record)' })
  counts(): ReferralCounts {
    return this.referrals.counts(this.clock());
  }

  @Get(':referralId')
  @Access('referral.read', { type: 'referral', idParam: 'referralId' })
  @ApiOperation({ summary: 'One referral; the ETag is its revision' })
  @ApiNotFoundResponse({ description: 'No such referral' })
  async get(@Param('referralId') referralId: string, @Res({ passthrough: true }) response: HeaderSink, @CurrentAccess() access: AccessContext): Promise<Record<string, unknown>> {
    const { state, revision } = await this.commands.load(checkId(referralId));
    if (state.status === 'none') {
      await access.authorize('referral.read', access.unknownRecord('referral', referralId));
      throw new NotFoundException(`No referral ${referralId}`);
    }
    await access.authorize('referral.read', atPointOfEntry('referral', referralId, state.referral.pointOfEntry));
    response.setHeader('ETag', `"${revision}"`);
    return referralDetail(state, revision, this.clock());
  }

  @Post()
  @HttpCode(201)
  @Access('referral.open', { type: 'referral' })
  @ApiOperation({ summary: 'Refer a flag to one more service (each service once per flag; a child only to child protection)' })
  @ApiResponse({ status: 201, type: ReferralReplyView })
  @ApiUnprocessableEntityResponse({ description: 'A rule refused it (already open, a child to another service…)' })
  async open(@Body() body: OpenReferralDto, @Res({ passthrough: true }) response: HeaderSink, @CurrentAccess() access: AccessContext): Promise<ReferralReply> {
    const referralId = referralIdFor(body.flagId.toLowerCase(), body.service);
    const flag = this.process.flag(body.flagId.toLowerCase());
    if (!flag) {
      await access.authorize('referral.open', access.unknownRecord('referral', referralId));
      throw new NotFoundException(`No flag ${body.flagId} known to referrals`);
    }
    await access.authorize('referral.open', atPointOfEntry('referral', referralId, flag.pointOfEntry));
    const command: ReferralCommand = { kind: 'OpenReferral', referralId, flagId: flag.flagId, severity: flag.severity, childProtection: flag.childProtection, pointOfEntry: flag.pointOfEntry, service: body.service, openedAt: this.clock().toISOString() };
    // The process manager's own command id: whichever comes first opens it, the other is answered the same.
    const reply = await this.commands.execute(new ReferralCommandMessage(command, processCommandIds.open(referralId), correlationId()));
    if (reply.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', `/referrals/${referralId}`);
    return reply;
  }

  @Post(':referralId/accept')
  @HttpCode(200)
  @Access('referral.accept', { type: 'referral', idParam: 'referralId' })
  @ApiOperation({ summary: 'The receiving service accepts (an adult beyond immediate protection: after consent)' })
  @ApiHeader(IDEMPOTENCY) @ApiHeader(IF_MATCH) @ApiOkResponse({ type: ReferralReplyView })
  accept(@Param('referralId') id: string, @Body() body: ReferralActDto, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined, @CurrentAccess() access: AccessContext): Promise<ReferralReply> {
    return this.edit('referral.accept', id, ifMatch, key, access, (at) => ({ kind: 'AcceptReferral', referralId: id, acceptedAt: body.at ?? at }));
  }

  @Post(':referralId/decline')
  @HttpCode(200)
  @Access('referral.decline', { type: 'referral', idParam: 'referralId' })
  @ApiOperation({ summary: 'The receiving service declines, with a reason' })
  @ApiHeader(IDEMPOTENCY) @ApiHeader(IF_MATCH) @ApiOkResponse({ type: ReferralReplyView })
  decline(@Param('referralId') id: string, @Body() body: DeclineReferralDto, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined, @CurrentAccess() access: AccessContext): Promise<ReferralReply> {
    return this.edit('referral.decline', id, ifMatch, key, access, (at) => ({ kind: 'DeclineReferral', referralId: id, reason: body.reason, declinedAt: body.at ?? at }));
  }

  @Post(':referralId/services-delivered')
  @HttpCode(200)
  @Access('referral.deliver', { type: 'referral', idParam: 'referralId' })
  @ApiOperation({ summary: 'Services were delivered (an accepted referral)' })
  @ApiHeader(IDEMPOTENCY) @ApiHeader(IF_MATCH) @ApiOkResponse({ type: ReferralReplyView })
  deliver(@Param('referralId') id: string, @Body() body: ReferralActDto, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined, @CurrentAccess() access: AccessContext): Promise<ReferralReply> {
    return this.edit('referral.deliver', id, ifMatch, key, access, (at) => ({ kind: 'RecordServicesDelivered', referralId: id, deliveredAt: body.at ?? at }));
  }

  @Post(':referralId/close')
  @HttpCode(200)
  @Access('referral.close', { type: 'referral', idParam: 'referralId' })
  @ApiOperation({ summary: 'Close with an outcome: succeeded (services delivered), or why not' })
  @ApiHeader(IDEMPOTENCY) @ApiHeader(IF_MATCH) @ApiOkResponse({ type: ReferralReplyView })
  close(@Param('referralId') id: string, @Body() body: CloseReferralDto, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined, @CurrentAccess() access: AccessContext): Promise<ReferralReply> {
    if (body.outcome === 'succeeded' && body.reason !== undefined) throw fieldError('reason', 'reason is only for a referral that did not succeed');
    const outcome = body.outcome === 'succeeded' || !body.reason ? ({ kind: 'succeeded' } as const) : ({ kind: 'not-succeeded', reason: body.reason } as const);
    return this.edit('referral.close', id, ifMatch, key, access, (at) => ({ kind: 'CloseReferral', referralId: id, outcome, closedAt: body.at ?? at }));
  }

  @Post(':referralId/revoke')
  @HttpCode(200)
  @Access('referral.revoke', { type: 'referral', idParam: 'referralId' })
  @ApiOperation({ summary: 'Revoke a referral opened in error or twice' })
  @ApiHeader(IDEMPOTENCY) @ApiHeader(IF_MATCH) @ApiOkResponse({ type: ReferralReplyView })
  revoke(@Param('referralId') id: string, @Body() body: RevokeReferralDto, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined, @CurrentAccess() access: AccessContext): Promise<ReferralReply> {
    return this.edit('referral.revoke', id, ifMatch, key, access, (at) => ({ kind: 'RevokeReferral', referralId: id, reason: body.reason, revokedAt: body.at ?? at }));
  }

  @Post(':referralId/consent')
  @HttpCode(200)
  @Access('referral.consent', { type: 'referral', idParam: 'referralId' })
  @ApiOperation({ summary: "Record an adult's informed consent, or its withdrawal (nothing more is shared after it)" })
  @ApiHeader(IDEMPOTENCY) @ApiHeader(IF_MATCH) @ApiOkResponse({ type: ReferralReplyView })
  consent(@Param('referralId') id: string, @Body() body: ConsentDto, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined, @CurrentAccess() access: AccessContext): Promise<ReferralReply> {
    return this.edit('referral.consent', id, ifMatch, key, access, (at) =>
      body.decision === 'given' ? { kind: 'RecordConsent', referralId: id, recordedAt: body.at ?? at } : { kind: 'WithdrawConsent', referralId: id, withdrawnAt: body.at ?? at },
    );
  }

  @Post(':referralId/share')
  @HttpCode(200)
  @Access('referral.share', { type: 'referral', idParam: 'referralId' })
  @ApiOperation({ summary: 'Ask to refer the case across the border (needs consent); the exchange carries it' })
  @ApiHeader(IDEMPOTENCY) @ApiHeader(IF_MATCH) @ApiOkResponse({ type: ReferralReplyView })
  share(@Param('referralId') id: string, @Body() body: ShareReferralDto, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined, @CurrentAccess() access: AccessContext): Promise<ReferralReply> {
    return this.edit('referral.share', id, ifMatch, key, access, (at) => ({ kind: 'ShareCrossBorder', referralId: id, toCountry: body.toCountry, requestedAt: body.at ?? at }));
  }

  private async edit(action: EditAction, referralId: string, ifMatch: string | undefined, idempotencyKey: string | undefined, access: AccessContext, build: (now: string) => ReferralCommand): Promise<ReferralReply> {
    const { state } = await this.commands.load(checkId(referralId));
    const expectedRevision = ifMatchRevision(ifMatch, 'referral');
    const key = checkIdempotencyKey(idempotencyKey) ?? randomUUID();
    if (state.status === 'none') {
      await access.authorize(action, access.unknownRecord('referral', referralId));
      throw new NotFoundException(`No referral ${referralId}`);
    }
    await access.authorize(action, atPointOfEntry('referral', referralId, state.referral.pointOfEntry));
    const command = build(this.clock().toISOString());
    try {
      return await this.commands.execute(new ReferralCommandMessage(command, `${command.kind}:${referralId}:${key}`, correlationId(), expectedRevision));
    } catch (error) {
      if (error instanceof RuleViolation && error.rule === 'referral-not-found') throw new NotFoundException(error.message);
      throw error;
    }
  }
}

function checkId(referralId: string): string {
  if (!REFERRAL_ID.test(referralId)) throw fieldError('referralId', 'must be <flag id>.<service>, e.g. 0c6f5a3e-8a4b-4c1d-9e2f-3a4b5c6d7e8f.child-protection');
  return referralId;
}
