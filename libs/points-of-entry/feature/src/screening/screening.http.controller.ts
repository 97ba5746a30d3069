import { Body, Controller, Get, Headers, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import type { ScreeningCommand } from '@border-ledger/points-of-entry-domain';
import { Access, atPointOfEntry, CurrentAccess, type AccessContext } from '@border-ledger/security';
import { ApiCommandErrors, ApiIdempotencyKey, ApiIfMatch } from '../openapi/api-docs';
import { recordAt } from '../shared/record-access';
import { ScreeningCommandMessage, type ScreeningReply } from './screening.command-handler';
import { loadScreening, startPlaces } from './screening.records';
import {
  DecideOutcomeDto,
  HealthDeclarationDto,
  ScreeningTestDto,
  StartScreeningDto,
  TemperatureDto,
  VaccinationCertificateDto,
} from './screening.dto';
import { screeningDetail, ScreeningDetailDoc, ScreeningReplyDoc } from './screening.views';
import { checkIdempotencyKey, commandIdOf, correlationId, type HeaderSink, ifMatchRevision } from '@border-ledger/platform';

const crossingIdPipe = new ParseUUIDPipe();
type Step = Exclude<ScreeningCommand['kind'], 'StartScreening'>;

/**
 * Health screening of a crossing, step by step: declaration, temperature (which sets the
 * pathway), tests and vaccination certificate, then the outcome under the policy in force.
 */
@ApiTags('health screening')
@Controller('screenings')
export class ScreeningHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Access('screening.start', { type: 'screening' })
  @ApiOperation({ summary: 'Start the screening of a crossing (no identity: crossing, post, age band, crossing time)' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ScreeningReplyDoc })
  @ApiCommandErrors()
  async start(
    @Body() body: StartScreeningDto,
    @Headers('idempotency-key') keyHeader: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
    @CurrentAccess() access: AccessContext,
  ): Promise<ScreeningReply> {
    checkIdempotencyKey(keyHeader);
    for (const place of await startPlaces(this.store, body.crossingId, body.pointOfEntry)) {
      await access.authorize('screening.start', atPointOfEntry('screening', body.crossingId, place));
    }
    // One screening per crossing: the crossing id is the client id, a retry is stored once.
    const reply = await this.execute({ kind: 'StartScreening', screening: { ...body } }, `start-screening:${body.crossingId}`);
    if (reply.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', `/screenings/${body.crossingId}`);
    return reply;
  }

  @Post(':crossingId/health-declaration')
  @HttpCode(200)
  @Access('screening.record', { type: 'screening', idParam: 'crossingId' })
  @ApiOperation({ summary: 'Record the health declaration: symptoms, countries visited, contact with a case' })
  @ApiParam({ name: 'crossingId', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: ScreeningReplyDoc })
  @ApiCommandErrors({ edit: true })
  declare(
    @Param('crossingId', crossingIdPipe) crossingId: string,
    @Body() body: HealthDeclarationDto,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentAccess() access: AccessContext,
  ): Promise<ScreeningReply> {
    const { symptoms, countriesVisited, contactWithCase } = body;
    const command: ScreeningCommand = {
      kind: 'RecordHealthDeclaration',
      declaration: { crossingId, symptoms, countriesVisited: countriesVisited.map(({ country, from, to }) => ({ country, from, to })), contactWithCase },
    };
    return this.step(command, crossingId, body.commandId, key, ifMatch, access);
  }

  @Post(':crossingId/temperature')
  @HttpCode(200)
  @Access('screening.record', { type: 'screening', idParam: 'crossingId' })
  @ApiOperation({ summary: 'Record the temperature; with the declaration it sets the pathway (symptomatic or not)' })
  @ApiParam({ name: 'crossingId', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: ScreeningReplyDoc })
  @ApiCommandErrors({ edit: true })
  temperature(
    @Param('crossingId', crossingIdPipe) crossingId: string,
    @Body() body: TemperatureDto,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentAccess() access: AccessContext,
  ): Promise<ScreeningReply> {
    return this.step({ kind: 'RecordTemperature', crossingId, celsius: body.celsius }, crossingId, body.commandId, key, ifMatch, access);
  }

  @Post(':crossingId/tests')
  @HttpCode(200)
  @Access('screening.record', { type: 'screening', idParam: 'crossingId' })
  @ApiOperation({ summary: 'Record a test (rapid antigen or PCR) and its result; a retest is another test' })
  @ApiParam({ name: 'crossingId', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: ScreeningReplyDoc })
  @ApiCommandErrors({ edit: true })
  test(
    @Param('crossingId', crossingIdPipe) crossingId: string,
    @Body() body: ScreeningTestDto,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentAccess() access: AccessContext,
  ): Promise<ScreeningReply> {
    const { testType, result, laboratory } = body;
    return this.step({ kind: 'RecordScreeningTest', test: { crossingId, testType, result, laboratory } }, crossingId, body.commandId, key, ifMatch, access);
  }

  @Post(':crossingId/vaccination-certificate')
  @HttpCode(200)
  @Access('screening.record', { type: 'screening', idParam: 'crossingId' })
  @ApiOperation({ summary: 'Record the vaccination certificate: doses, product, dates, verified or not' })
  @ApiParam({ name: 'crossingId', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: ScreeningReplyDoc })
  @ApiCommandErrors({ edit: true })
  vaccination(
    @Param('crossingId', crossingIdPipe) crossingId: string,
    @Body() body: VaccinationCertificateDto,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentAccess() access: AccessContext,
  ): Promise<ScreeningReply> {
    const { doses, product, doseDates, verified } = body;
    const command: ScreeningCommand = { kind: 'RecordVaccinationCertificate', certificate: { crossingId, doses, product, doseDates, verified } };
    return this.step(command, crossingId, body.commandId, key, ifMatch, access);
  }

  @Post(':crossingId/outcome')
  @HttpCode(200)
  @Access('screening.record', { type: 'screening', idParam: 'crossingId' })
  @ApiOperation({ summary: 'Decide the outcome under the policy in force at the crossing; it records the policy id and version' })
  @ApiParam({ name: 'crossingId', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: ScreeningReplyDoc })
  @ApiCommandErrors({ edit: true })
  decide(
    @Param('crossingId', crossingIdPipe) crossingId: string,
    @Body() body: DecideOutcomeDto,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentAccess() access: AccessContext,
  ): Promise<ScreeningReply> {
    return this.step({ kind: 'DecideScreeningOutcome', crossingId }, crossingId, body.commandId, key, ifMatch, access);
  }

  @Get(':crossingId')
  @Access('screening.read', { type: 'screening', idParam: 'crossingId' })
  @ApiOperation({ summary: 'A screening: its facts, pathway, outcome and deciding policy (clinical facts for health roles only); the ETag is its revision' })
  @ApiParam({ name: 'crossingId', format: 'uuid' })
  @ApiOkResponse({ type: ScreeningDetailDoc })
  @ApiNotFoundResponse({ description: 'No screening of this crossing' })
  async get(
    @Param('crossingId', crossingIdPipe) crossingId: string,
    @Res({ passthrough: true }) response: HeaderSink,
    @CurrentAccess() access: AccessContext,
  ): Promise<Record<string, unknown>> {
    const { events, state } = await loadScreening(this.store, crossingId);
    if (state.status === 'none') throw new NotFoundException(`No screening of crossing ${crossingId}`);
    const referral = state.status === 'decided' ? { healthReferral: state.outcome.category } : {};
    const view = await access.authorize('screening.read', atPointOfEntry('screening', crossingId, state.facts.pointOfEntry, referral));
    const revision = events[events.length - 1].revision;
    response.setHeader('ETag', `"${revision}"`);
    return screeningDetail(state, revision, view);
  }

  private async step(
    command: ScreeningCommand & { kind: Step },
    crossingId: string,
    bodyId: string | undefined,
    keyHeader: string | undefined,
    ifMatch: string | undefined,
    access: AccessContext,
  ): Promise<ScreeningReply> {
    const { state } = await loadScreening(this.store, crossingId);
    await access.authorize('screening.record', recordAt(access, 'screening', crossingId, state.status === 'none' ? undefined : state.facts.pointOfEntry));
    const key = checkIdempotencyKey(keyHeader, bodyId);
    return this.execute(command, commandIdOf(command.kind, crossingId, key), ifMatchRevision(ifMatch, 'screening'));
  }

  private execute(command: ScreeningCommand, commandId: string, expectedRevision?: number): Promise<ScreeningReply> {
    return this.commands.execute<ScreeningCommandMessage, ScreeningReply>(
      new ScreeningCommandMessage(command, commandId, correlationId(), expectedRevision),
    );
  }
}
