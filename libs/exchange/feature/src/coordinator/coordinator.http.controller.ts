import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TRAFFICKING_FLAG_RECORD } from '@border-ledger/exchange-domain';
import { signedCheckpointFromJson, type FeedAlert } from '@border-ledger/merkle';
import { fieldError } from '@border-ledger/platform';
import { Access } from '@border-ledger/security';
import { INTEGRITY_MONITOR, MATCHING, SHARED_RECORDS } from '../exchange.tokens';
import type { FeedIntegrity, IntegrityMonitor } from '../integrity/integrity-monitor';
import type { MatchAlertView, MatchingService } from '../matching/matching.service';
import type { SharedRecordsStore, SharedRecordView } from '../shared-records/shared-records.store';
import { MatchAlertsQueryDto, SharedRecordsQueryDto, WitnessCheckpointDto } from './coordinator.dto';

/**
 * The cross-border coordinators' views: the shared feeds in both directions, flags on both sides
 * of a border, the integrity of each partner's feed, and exit-to-entry matching alerts.
 */
@ApiTags('exchange (coordinators)')
@Controller('exchange')
export class CoordinatorHttpController {
  constructor(
    @Inject(SHARED_RECORDS) private readonly records: SharedRecordsStore,
    @Inject(INTEGRITY_MONITOR) private readonly integrity: IntegrityMonitor,
    @Inject(MATCHING) private readonly matching: MatchingService,
  ) {}

  @Get('records')
  @Access('exchange.read')
  list(@Query() query: SharedRecordsQueryDto): { items: SharedRecordView[] } {
    return { items: this.records.list({ ...query, recordType: query.type }) };
  }

  @Get('flags')
  @Access('exchange.read')
  flags(@Query() query: SharedRecordsQueryDto): { items: SharedRecordView[] } {
    return { items: this.records.list({ ...query, recordType: TRAFFICKING_FLAG_RECORD }) };
  }

  @Get('integrity')
  @Access('exchange.read')
  status(): { feeds: FeedIntegrity[] } {
    return { feeds: this.integrity.status() };
  }

  @Get('integrity/checkpoints')
  @Access('exchange.read')
  checkpoints(): { items: ReturnType<IntegrityMonitor['trustedCheckpoints']> } {
    return { items: this.integrity.trustedCheckpoints() };
  }

  /** A checkpoint another receiver saw: differing from our own history of that size is a fork. */
  @Post('integrity/witness')
  @HttpCode(200)
  @Access('exchange.witness')
  witness(@Body() body: WitnessCheckpointDto): { logId: string | undefined; status: string; alerts: FeedAlert[] } {
    const signed = signedCheckpointFromJson(body);
    if (!signed) throw fieldError('body', 'not a signed checkpoint');
    return this.integrity.witness(signed);
  }

  @Get('match-alerts')
  @Access('exchange.read')
  matchAlerts(@Query() query: MatchAlertsQueryDto): { items: MatchAlertView[] } {
    return { items: this.matching.alerts({ open: query.open }) };
  }
}
