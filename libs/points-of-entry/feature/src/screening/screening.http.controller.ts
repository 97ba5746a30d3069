import { Body, Controller, Get, Headers, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import {
  evolveScreening,
  initialScreeningState,
  screeningStream,
  type ScreeningCommand,
  type ScreeningEvent,
} from '@border-ledger/points-of-entry-domain';
import { ApiCommandErrors, ApiIdempotencyKey, ApiIfMatch } from '../openapi/api-docs';
import { checkIdempotencyKey, commandIdOf, correlationId, ifMatchRevision, type HeaderSink } from '../shared/http-support';
import { ScreeningCommandMessage, screeningSummary, type ScreeningReply } from './screening.command-handler';
import {
  DecideOutcomeDto,
  HealthDeclarationDto,
  ScreeningTestDto,
  StartScreeningDto,
  TemperatureDto,
  VaccinationCertificateDto,
} from './screening.dto';
import { ScreeningDetailDoc, ScreeningReplyDoc } from './screening.views';

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
  @ApiOperation({ summary: 'Start the screening of a crossing (no identity: crossing, post, age band, crossing time)' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ScreeningReplyDoc })
  @ApiCommandErrors()
  async start(
    @Body() body: StartScreeningDto,
    @Headers('idempotency-key') keyHeader: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ScreeningReply> {
    checkIdempotencyKey(keyHeader);
    // One screening per crossing: the crossing id is the client id, a retry is stored once.
    const reply = await this.execute({ kind: 'StartScreening', screening: { ...body } }, `start-screening:${body.crossingId}`);
    if (reply.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', `/screenings/${body.crossingId}`);
    return reply;
  }

  @Post(':crossingId/health-declaration')
  @HttpCode(200)
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
  ): Promise<ScreeningReply> {
    const { symptoms, countriesVisited, contactWithCase } = body;
    const command: ScreeningCommand = {
      kind: 'RecordHealthDeclaration',
      declaration: { crossingId, symptoms, countriesVisited: countriesVisited.map(({ country, from, to }) => ({ country, from, to })), contactWithCase },
    };
    return this.step(command, crossingId, body.commandId, key, ifMatch);
  }

  @Post(':crossingId/temperature')
  @HttpCode(200)
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
  ): Promise<ScreeningReply> {
    return this.step({ kind: 'RecordTemperature', crossingId, celsius: body.celsius }, crossingId, body.commandId, key, ifMatch);
  }

  @Post(':crossingId/tests')
  @HttpCode(200)
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
  ): Promise<ScreeningReply> {
    const { testType, result, laboratory } = body;
    return this.step({ kind: 'RecordScreeningTest', test: { crossingId, testType, result, laboratory } }, crossingId, body.commandId, key, ifMatch);
  }

  @Post(':crossingId/vaccination-certificate')
  @HttpCode(200)
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
  ): Promise<ScreeningReply> {
    const { doses, product, doseDates, verified } = body;
    const command: ScreeningCommand = { kind: 'RecordVaccinationCertificate', certificate: { crossingId, doses, product, doseDates, verified } };
    return this.step(command, crossingId, body.commandId, key, ifMatch);
  }

  @Post(':crossingId/outcome')
  @HttpCode(200)
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
  ): Promise<ScreeningReply> {
    return this.step({ kind: 'DecideScreeningOutcome', crossingId }, crossingId, body.commandId, key, ifMatch);
  }

  @Get(':crossingId')
  @ApiOperation({ summary: 'A screening: its facts, pathway, outcome and deciding policy; the ETag is its revision' })
  @ApiParam({ name: 'crossingId', format: 'uuid' })
  @ApiOkResponse({ type: ScreeningDetailDoc })
  @ApiNotFoundResponse({ description: 'No screening of this crossing' })
  async get(
    @Param('crossingId', crossingIdPipe) crossingId: string,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<Record<string, unknown>> {
    const events = await this.store.readStream(screeningStream(crossingId));
    const state = events.reduce((s, e) => evolveScreening(s, { type: e.type, data: e.data } as ScreeningEvent), initialScreeningState);
    if (state.status === 'none') throw new NotFoundException(`No screening of crossing ${crossingId}`);
    const revision = events[events.length - 1].revision;
    response.setHeader('ETag', `"${revision}"`);
    const { crossingId: _id, ...facts } = state.facts;
    return { crossingId, ...screeningSummary(state), ...facts, revision };
  }

  private step(command: ScreeningCommand & { kind: Step }, crossingId: string, bodyId: string | undefined, keyHeader: string | undefined, ifMatch: string | undefined): Promise<ScreeningReply> {
    const key = checkIdempotencyKey(keyHeader, bodyId);
    return this.execute(command, commandIdOf(command.kind, crossingId, key), ifMatchRevision(ifMatch, 'screening'));
  }

  private execute(command: ScreeningCommand, commandId: string, expectedRevision?: number): Promise<ScreeningReply> {
    return this.commands.execute<ScreeningCommandMessage, ScreeningReply>(
      new ScreeningCommandMessage(command, commandId, correlationId(), expectedRevision),
    );
  }
}
