import { Body, Controller, Get, Headers, HttpCode, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson, CLOCK, type Clock } from '@border-ledger/event-store';
import { agreementInForce, type AgreementTerms } from '@border-ledger/exchange-domain';
import { checkIdempotencyKey, correlationId, fieldError, ifMatchRevision, type HeaderSink } from '@border-ledger/platform';
import { Access } from '@border-ledger/security';
import { AgreementCommandMessage, type AgreementReply } from './agreement.command-handler';
import { AgreementTermsDto, RevokeAgreementDto } from './agreement.dto';
import { AGREEMENTS_STORE } from './agreement.tokens';
import type { AgreementRow, AgreementsStore } from './agreements.store';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+){0,10}$/;

/** Sharing agreements as data: recorded, amended (a new version) and revoked, each an event. */
@ApiTags('exchange agreements')
@Controller('exchange/agreements')
export class AgreementHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(AGREEMENTS_STORE) private readonly agreements: AgreementsStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @Access('exchange-agreement.manage')
  async record(
    @Body() body: AgreementTermsDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<AgreementReply> {
    const key = checkIdempotencyKey(idempotencyKey) ?? createHash('sha256').update(canonicalJson(body)).digest('hex');
    const reply = await this.commands.execute<AgreementCommandMessage, AgreementReply>(
      new AgreementCommandMessage({ kind: 'RecordAgreement', terms: toTerms(body) }, `record-agreement:${body.agreementId}:${key}`, correlationId()),
    );
    if (reply.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', `/exchange/agreements/${body.agreementId}`);
    return reply;
  }

  @Post(':agreementId/amendments')
  @HttpCode(201)
  @Access('exchange-agreement.manage')
  amend(
    @Param('agreementId') agreementId: string,
    @Body() body: AgreementTermsDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<AgreementReply> {
    this.existing(agreementId);
    if (body.agreementId !== agreementId) throw fieldError('agreementId', 'agreementId must be the agreement in the path');
    const key = checkIdempotencyKey(idempotencyKey) ?? randomUUID();
    return this.commands.execute(
      new AgreementCommandMessage({ kind: 'AmendAgreement', agreementId, terms: toTerms(body) }, `amend-agreement:${agreementId}:${key}`, correlationId(), ifMatchRevision(ifMatch, 'agreement')),
    );
  }

  @Post(':agreementId/revoke')
  @HttpCode(200)
  @Access('exchange-agreement.manage')
  revoke(
    @Param('agreementId') agreementId: string,
    @Body() body: RevokeAgreementDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<AgreementReply> {
    this.existing(agreementId);
    const key = checkIdempotencyKey(idempotencyKey) ?? randomUUID();
    return this.commands.execute(
      new AgreementCommandMessage(
        { kind: 'RevokeAgreement', agreementId, reason: body.reason, revokedAt: body.revokedAt ?? this.clock().toISOString() },
        `revoke-agreement:${agreementId}:${key}`,
        correlationId(),
        ifMatchRevision(ifMatch, 'agreement'),
      ),
    );
  }

  @Get()
  @Access('exchange-agreement.read')
  list(): { items: AgreementView[] } {
    const now = this.clock().toISOString();
    return { items: this.agreements.all().map((row) => view(row, now)) };
  }

  @Get(':agreementId')
  @Access('exchange-agreement.read')
  get(@Param('agreementId') agreementId: string, @Res({ passthrough: true }) response: HeaderSink): AgreementView {
    const row = this.existing(agreementId);
    response.setHeader('ETag', `"${row.revision}"`);
    return view(row, this.clock().toISOString());
  }

  private existing(agreementId: string): AgreementRow {
    if (!SLUG.test(agreementId)) throw fieldError('agreementId', 'agreementId must be a lower-case slug like th-kh-immigration');
    const row = this.agreements.get(agreementId);
    if (!row || row.state.status === 'none') throw new NotFoundException(`No agreement ${agreementId}`);
    return row;
  }
}

/** An agreement with its versions and the one in force now. */
export interface AgreementView extends AgreementRow {
  readonly inForceVersion: number | null;
}

function view(row: AgreementRow, now: string): AgreementView {
  return { ...row, inForceVersion: agreementInForce(row.state, now)?.version ?? null };
}

function toTerms(dto: AgreementTermsDto): AgreementTerms {
  return JSON.parse(JSON.stringify(dto)) as AgreementTerms;
}
