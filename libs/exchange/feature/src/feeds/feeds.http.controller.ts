import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NODE_IDENTITY, type NodeIdentity } from '@border-ledger/event-store';
import { signedCheckpointToJson, toBase64, type SignedCheckpointJson } from '@border-ledger/merkle';
import { fieldError } from '@border-ledger/platform';
import { Public } from '@border-ledger/security';
import { EXCHANGE_KEYS, OUTGOING_LOG } from '../exchange.tokens';
import { feedLogId } from '../integrity/integrity-monitor';
import type { ExchangeKeys } from '../keys/exchange-keys';
import type { OutgoingLog } from '../outgoing/outgoing-log';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+){0,10}$/;

export interface FeedCheckpointView {
  readonly logId: string;
  readonly treeSize: number;
  readonly checkpoint: SignedCheckpointJson;
  readonly keyId: string;
  readonly publicKeyPem: string;
}

/**
 * What a partner needs to verify our feeds: signed checkpoints and inclusion and consistency
 * proofs. Public on purpose, as in certificate transparency: they hold only hashes and signed
 * tree heads, never a record's content, and a partner must reach them without an account here.
 */
@ApiTags('exchange feeds (verification)')
@Controller('exchange/feeds')
export class FeedsHttpController {
  constructor(
    @Inject(OUTGOING_LOG) private readonly log: OutgoingLog,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(EXCHANGE_KEYS) private readonly keys: ExchangeKeys,
  ) {}

  @Get(':agreementId/checkpoint')
  @Public()
  checkpoint(@Param('agreementId') agreementId: string): FeedCheckpointView {
    const logId = this.logId(agreementId);
    const latest = this.log.latestCheckpoint(logId);
    if (!latest) throw new NotFoundException(`No checkpoint of ${logId} yet`);
    return {
      logId,
      treeSize: latest.treeSize,
      checkpoint: signedCheckpointToJson(latest.signed),
      keyId: this.keys.signing.keyId,
      publicKeyPem: this.keys.signing.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }

  @Get(':agreementId/proofs/inclusion')
  @Public()
  inclusion(@Param('agreementId') agreementId: string, @Query('index') index: string, @Query('treeSize') treeSize: string): { index: number; treeSize: number; proof: string[] } {
    const logId = this.logId(agreementId);
    const i = whole('index', index);
    const n = whole('treeSize', treeSize);
    if (n > this.log.size(logId)) throw fieldError('treeSize', `treeSize is beyond the log (${this.log.size(logId)} leaves)`);
    if (i >= n) throw fieldError('index', 'index must be below treeSize');
    return { index: i, treeSize: n, proof: this.log.inclusionProof(logId, i, n).map(toBase64) };
  }

  @Get(':agreementId/proofs/consistency')
  @Public()
  consistency(@Param('agreementId') agreementId: string, @Query('first') first: string, @Query('second') second: string): { first: number; second: number; proof: string[] } {
    const logId = this.logId(agreementId);
    const m = whole('first', first);
    const n = whole('second', second);
    if (m < 1 || m > n) throw fieldError('first', 'first must be at least 1 and at most second');
    if (n > this.log.size(logId)) throw fieldError('second', `second is beyond the log (${this.log.size(logId)} leaves)`);
    return { first: m, second: n, proof: this.log.consistencyProof(logId, m, n).map(toBase64) };
  }

  private logId(agreementId: string): string {
    if (!SLUG.test(agreementId)) throw fieldError('agreementId', 'agreementId must be a lower-case slug like th-kh-immigration');
    return feedLogId(agreementId, this.node.agency);
  }
}

function whole(field: string, value: string | undefined): number {
  if (value === undefined || !/^(0|[1-9]\d{0,14})$/.test(value)) throw fieldError(field, `${field} must be a whole number`);
  return Number(value);
}
