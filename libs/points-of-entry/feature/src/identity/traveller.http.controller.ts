import { Body, Controller, Get, Headers, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { TRAVELLER_KEY_VAULT, TRAVELLER_REF_PATTERN, type TravellerKeyVault } from '@border-ledger/identity';
import { Access } from '@border-ledger/security';
import { ApiCommandErrors, ApiIdempotencyKey, ApiIfMatch } from '../openapi/api-docs';
import { EraseTravellerIdentityMessage, type ErasureReply } from './erase-traveller-identity.handler';
import { TravellerCrossingsProjection } from './traveller-crossings.projection';
import { EraseTravellerIdentityDto } from './traveller.dto';
import { ErasureReplyView, TravellerView } from './traveller.views';
import { checkIdempotencyKey, correlationId, fieldError, ifMatchRevision } from '@border-ledger/platform';

@ApiTags('travellers')
@Controller('travellers')
export class TravellerHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly crossings: TravellerCrossingsProjection,
    @Inject(TRAVELLER_KEY_VAULT) private readonly vault: TravellerKeyVault,
  ) {}

  /**
   * Erases a traveller's identity by destroying the traveller's keys (crypto-shredding) and
   * records the audit event. Crossings stay, without identity.
   */
  @Post(':travellerRef/erasure')
  @HttpCode(200)
  @Access('traveller.erase', { type: 'traveller', idParam: 'travellerRef' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: ErasureReplyView })
  @ApiCommandErrors({ edit: true })
  erase(
    @Param('travellerRef') travellerRef: string,
    @Body() body: EraseTravellerIdentityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<ErasureReply> {
    checkRef(travellerRef);
    const key = checkIdempotencyKey(idempotencyKey) ?? randomUUID();
    return this.commands.execute<EraseTravellerIdentityMessage, ErasureReply>(
      new EraseTravellerIdentityMessage(
        {
          kind: 'EraseTravellerIdentity',
          travellerRef,
          reason: body.reason,
          legalBasis: body.legalBasis.trim(),
          requestedBy: body.requestedBy,
        },
        `erase-traveller-identity:${travellerRef}:${key}`,
        correlationId(),
        ifMatchRevision(ifMatch, "traveller's audit stream"),
      ),
    );
  }

  /** Crossings linked to one traveller reference (read model), and whether each identity is still readable. */
  @Get(':travellerRef')
  @Access('traveller.read', { type: 'traveller', idParam: 'travellerRef' })
  @ApiOkResponse({ type: TravellerView })
  @ApiNotFoundResponse({ description: 'No crossing of this traveller on this node' })
  async get(@Param('travellerRef') travellerRef: string): Promise<TravellerView> {
    checkRef(travellerRef);
    const rows = this.crossings.crossingsOf(travellerRef);
    const erasures = this.crossings.erasuresOf(travellerRef);
    if (rows.length === 0 && erasures.length === 0) throw new NotFoundException('No crossing of this traveller');
    const crossings = await Promise.all(
      rows.map(async ({ keyId, ...row }) => ({ ...row, identityStatus: keyId === null ? 'none' : await this.keyStatus(keyId) })),
    );
    return { travellerRef, crossings, erasures };
  }

  private async keyStatus(keyId: string): Promise<string> {
    const { status } = await this.vault.find(keyId);
    return status === 'active' ? 'readable' : status === 'destroyed' ? 'erased' : 'unavailable';
  }
}

function checkRef(travellerRef: string): void {
  if (!TRAVELLER_REF_PATTERN.test(travellerRef)) throw fieldError('travellerRef', 'must be 64 lowercase hex characters');
}
