import type { InjectionToken } from '@nestjs/common';
import type { NodeRef } from '../audit/access-audit';
import type { RateLimitConfig } from '../rate-limit/rate-limiter';
import type { AuthConfig } from '../token/auth-config';

/** Options of `SecurityModule.forRoot`; `readSecurityConfig` reads all but `auditLog` from the environment. */
export interface SecurityModuleOptions {
  readonly auth: AuthConfig;
  readonly rateLimit: RateLimitConfig;
  /** This node: the country its records belong to, the agency stamped on audit events. */
  readonly node: NodeRef;
  /** Token of the log audit events go to: pass `EVENT_STORE` (the node's hash-chained log). */
  readonly auditLog: InjectionToken;
  readonly clock?: () => Date;
}

export const SECURITY_OPTIONS = Symbol('border-ledger.SECURITY_OPTIONS');
/** Provided only by `SecurityModule`: `bootstrapService` refuses to start an app without it. */
export const SECURITY_INSTALLED = Symbol('border-ledger.SECURITY_INSTALLED');
/** The audit log bound from `auditLog`. */
export const AUDIT_LOG = Symbol('border-ledger.AUDIT_LOG');
