import { Inject, Injectable } from '@nestjs/common';
import { AccessAudit, type AccessEntry } from '../audit/access-audit';
import type { Principal } from '../principal/principal';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { TokenVerifier } from '../token/token-verifier';
import { header, type RequestFacts, type SecuredRequest, type SecuredResponse } from './http-facts';
import { tooManyRequests, unauthorized } from './refusals';
import { SECURITY_OPTIONS, type SecurityModuleOptions } from './security.options';

/**
 * The door of every secured request, shared by the guard and the API-docs middleware: verifies
 * the bearer token and takes a token from the caller's rate-limit bucket, recording every refusal
 * (401, 429) in the audit stream before it is answered.
 */
@Injectable()
export class RequestGate {
  constructor(
    readonly verifier: TokenVerifier,
    readonly limiter: RateLimiter,
    readonly audit: AccessAudit,
    @Inject(SECURITY_OPTIONS) readonly options: SecurityModuleOptions,
  ) {}

  /**
   * The principal of the request, within its rate limit.
   * @throws 401 (no valid token) or 429 (rate limit), both audited.
   */
  async admit(req: SecuredRequest, res: SecuredResponse, facts: RequestFacts, action: string): Promise<Principal> {
    const auth = await this.verifier.authenticate(header(req, 'authorization'));
    const base = { method: facts.method, route: facts.route, correlationId: facts.correlationId, action };
    if (!auth.ok) {
      // Callers without a valid token are limited per address, so they cannot flood the audit stream.
      await this.limit(`anonymous:${facts.clientAddress}`, this.limiter.config.anonymous, res, base, null);
      await this.refuse({ ...base, outcome: 'refused', status: 401, reason: auth.reason, claimed: auth.claimed });
      throw unauthorized(res, auth.reason);
    }
    const principal = auth.principal;
    await this.limit(`${principal.agency}:${principal.clientId ?? `sub:${principal.subject}`}`, this.limiter.config.authenticated, res, base, principal);
    return principal;
  }

  /** Records a refusal; a failing audit log fails the request rather than leave a refusal unrecorded. */
  refuse(entry: AccessEntry): Promise<void> {
    return this.audit.record(entry);
  }

  private async limit(
    key: string,
    settings: RateLimiter['config']['anonymous'],
    res: SecuredResponse,
    base: Pick<AccessEntry, 'method' | 'route' | 'correlationId' | 'action'>,
    principal: Principal | null,
  ): Promise<void> {
    const decision = this.limiter.take(key, settings);
    if (decision.allowed) return;
    // The first refusal of a caller per minute is recorded, with the count of those in between.
    if (decision.audit) await this.refuse({ ...base, outcome: 'refused', status: 429, reason: 'rate-limited', principal, unrecorded: decision.unrecorded });
    throw tooManyRequests(res, decision.retryAfterSeconds);
  }
}
