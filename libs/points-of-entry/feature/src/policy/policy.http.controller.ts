import { Body, Controller, Get, Headers, HttpCode, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { deterministicEventId } from '@border-ledger/event-store';
import { ISO_COUNTRIES, policyInForce, type ScreeningPolicy } from '@border-ledger/points-of-entry-domain';
import { Access } from '@border-ledger/security';
import { ApiCommandErrors, ApiIdempotencyKey, ApiIfMatch } from '../openapi/api-docs';
import { ScreeningPolicyCommandMessage, type ScreeningPolicyReply } from './policy.command-handler';
import { PublishScreeningPolicyDto, ZONED_INSTANT } from './policy.dto';
import { ScreeningPolicyReader } from './policy.reader';
import { ScreeningPolicyDoc, ScreeningPolicyListDoc, ScreeningPolicyReplyDoc } from './policy.views';
import { checkIdempotencyKey, correlationId, fieldError, type HeaderSink, ifMatchRevision } from '@border-ledger/platform';

function countryParam(country: string): string {
  if (!ISO_COUNTRIES.includes(country)) throw fieldError('country', 'country must be an ISO 3166-1 alpha-2 code');
  return country;
}

/** Screening policies: data published per country with a version and an effective date. */
@ApiTags('screening policies')
@Controller('screening/policies')
export class ScreeningPolicyHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: ScreeningPolicyReader,
  ) {}

  @Post()
  @HttpCode(201)
  @Access('screening-policy.publish')
  @ApiOperation({
    summary: 'Publish a new version of a country screening policy',
    description:
      'Versions increase and effective dates never go back. A policy whose rules name nationality or purpose of travel ' +
      'is refused (422 policy-discriminates); fields the schema does not know are refused with 400.',
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiCreatedResponse({ type: ScreeningPolicyReplyDoc })
  @ApiCommandErrors({ edit: true })
  async publish(
    @Body() body: PublishScreeningPolicyDto,
    @Headers('idempotency-key') keyHeader: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ScreeningPolicyReply> {
    const key = checkIdempotencyKey(keyHeader);
    const expectedRevision = ifMatchRevision(ifMatch, 'country policy stream');
    const policyId = body.policyId ?? (key ? deterministicEventId(`screening-policy-key:${key}`, 0) : randomUUID());
    const policy: ScreeningPolicy = { policyId, country: body.country, version: body.version, effectiveFrom: body.effectiveFrom, rules: body.rules };
    const reply = await this.commands.execute<ScreeningPolicyCommandMessage, ScreeningPolicyReply>(
      new ScreeningPolicyCommandMessage({ kind: 'PublishScreeningPolicy', policy }, `publish-screening-policy:${policyId}`, correlationId(), expectedRevision),
    );
    if (reply.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', `/screening/policies/${reply.country}`);
    response.setHeader('ETag', `"${reply.revision}"`);
    return reply;
  }

  @Get(':country')
  @Access('reference.read')
  @ApiOperation({ summary: 'The published screening policies of a country, oldest first' })
  @ApiParam({ name: 'country', example: 'TH' })
  @ApiOkResponse({ type: ScreeningPolicyListDoc })
  async list(@Param('country') country: string, @Res({ passthrough: true }) response: HeaderSink): Promise<{ country: string; revision: number; policies: ScreeningPolicy[] }> {
    const published = await this.reader.published(countryParam(country));
    response.setHeader('ETag', `"${published.revision}"`);
    return { country, revision: published.revision, policies: published.policies };
  }

  @Get(':country/in-force')
  @Access('reference.read')
  @ApiOperation({ summary: 'The policy in force at an instant (now when `at` is absent)' })
  @ApiParam({ name: 'country', example: 'TH' })
  @ApiQuery({ name: 'at', required: false, example: '2026-11-23T08:00:00+07:00' })
  @ApiOkResponse({ type: ScreeningPolicyDoc })
  @ApiNotFoundResponse({ description: 'No policy of the country is in force at that instant' })
  async inForce(@Param('country') country: string, @Query('at') at: string | undefined): Promise<ScreeningPolicy> {
    if (at !== undefined && (typeof at !== 'string' || !ZONED_INSTANT.test(at) || Number.isNaN(Date.parse(at)))) {
      throw fieldError('at', 'at must be an ISO 8601 instant with a time zone');
    }
    const { policies } = await this.reader.published(countryParam(country));
    const policy = policyInForce(policies, at ?? new Date().toISOString());
    if (!policy) throw new NotFoundException(`No screening policy of ${country} is in force at ${at ?? 'this time'}`);
    return policy;
  }
}
