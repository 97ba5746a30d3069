import { DynamicModule, Global, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { AccessAudit } from '../audit/access-audit';
import type { AuditLog } from '../audit/audit-log.port';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { TokenVerifier } from '../token/token-verifier';
import { AccessGuard } from './access.guard';
import { AuditController } from './audit.controller';
import { RecordCheckInterceptor } from './record-check.interceptor';
import { RequestGate } from './request-gate';
import { undeclaredRoutes } from './route-declarations';
import { AUDIT_LOG, SECURITY_INSTALLED, SECURITY_OPTIONS, type SecurityModuleOptions } from './security.options';

/**
 * Identity, roles, scopes and the audit of access for every route of the app: bearer tokens
 * verified against the configured keys, the access table enforced by a global guard (deny by
 * default), record checks in handlers, rate limits per agency and client, and `GET /audit`.
 *
 * Import it once, in the composition root. Feature modules need nothing from it but the
 * decorators (`@Access`, `@Public`, `@CurrentAccess`).
 */
@Global()
@Module({})
export class SecurityModule implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  static forRoot(options: SecurityModuleOptions): DynamicModule {
    return {
      module: SecurityModule,
      global: true,
      imports: [DiscoveryModule],
      controllers: [AuditController],
      providers: [
        { provide: SECURITY_OPTIONS, useValue: options },
        { provide: SECURITY_INSTALLED, useValue: true },
        { provide: AUDIT_LOG, useExisting: options.auditLog },
        {
          provide: AccessAudit,
          inject: [AUDIT_LOG],
          useFactory: (log: AuditLog) => new AccessAudit(checkedAuditLog(log), options.node, options.clock),
        },
        { provide: TokenVerifier, useFactory: () => new TokenVerifier(options.auth) },
        { provide: RateLimiter, useFactory: () => new RateLimiter(options.rateLimit) },
        RequestGate,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: RecordCheckInterceptor },
      ],
      exports: [SECURITY_INSTALLED, SECURITY_OPTIONS, RequestGate, AccessAudit],
    };
  }

  onApplicationBootstrap(): void {
    const missing = undeclaredRoutes(this.discovery, this.reflector);
    if (missing.length > 0) throw new Error(`Handlers without @Access or @Public (refused to start): ${missing.join(', ')}`);
  }
}

function checkedAuditLog(log: AuditLog): AuditLog {
  if (typeof log?.append !== 'function' || typeof log.readStream !== 'function' || typeof log.verify !== 'function') {
    throw new Error('SecurityModule: auditLog must name an event store (append, readStream, verify)');
  }
  return log;
}
