import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { RESPONSE_STAGES, type ResponseStage } from '@border-ledger/exchange-domain';
import { SHARE_DECLINE_REASONS } from '@border-ledger/referrals-domain';
import { correlationId, fieldError } from '@border-ledger/platform';
import { Access } from '@border-ledger/security';
import { ExchangeRuntime } from '../runtime/exchange-runtime';
import type { CrossBorderReferralView } from './cross-border-referrals';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export class RespondToReferralDto {
  @IsIn(RESPONSE_STAGES)
  readonly stage!: ResponseStage;

  @IsOptional()
  @IsIn(SHARE_DECLINE_REASONS)
  readonly reasonCode?: string;

  /** A time with its zone: `IsISO8601` alone passes `2026` or `2026-W47-1`, stored as the answer's time and unusable on the feed. */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(INSTANT, { message: 'at must be a time with its zone, like 2026-11-23T17:10:00+07:00' })
  readonly at?: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+){0,10}$/;
const REF = /^[A-Za-z0-9_-]{16,64}$/;

/** Cross-border referrals as protection officers follow and answer them. */
@ApiTags('exchange referrals')
@Controller('exchange/referrals')
export class CrossBorderReferralsHttpController {
  constructor(private readonly runtime: ExchangeRuntime) {}

  @Get()
  @Access('exchange-referral.read')
  list(): { items: CrossBorderReferralView[] } {
    return { items: this.runtime.referrals.list() };
  }

  /** This agency's answer to a partner's request; each answer travels back on the agreement's feed. */
  @Post(':agreementId/:referralRef/responses')
  @HttpCode(201)
  @Access('exchange-referral.respond')
  async respond(@Param('agreementId') agreementId: string, @Param('referralRef') referralRef: string, @Body() body: RespondToReferralDto) {
    if (!SLUG.test(agreementId)) throw fieldError('agreementId', 'agreementId must be a lower-case slug');
    if (!REF.test(referralRef)) throw fieldError('referralRef', 'referralRef must be the ref of a received request');
    const commandId = `respond:${agreementId}:${referralRef}:${body.stage}`;
    const outcome = await this.runtime.referrals.respond(
      agreementId,
      referralRef,
      { kind: 'RespondToReferral', stage: body.stage, at: body.at ?? this.runtime.now().toISOString(), ...(body.reasonCode ? { reasonCode: body.reasonCode } : {}) },
      correlationId(),
      commandId,
    );
    return { agreementId, referralRef, stage: outcome.state.status, replayed: outcome.replayed };
  }
}
