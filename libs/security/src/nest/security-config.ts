import type { InjectionToken } from '@nestjs/common';
import type { NodeRef } from '../audit/access-audit';
import type { EdgeIssuer } from '../edge/edge-signing-key';
import { readRateLimitConfig } from '../rate-limit/rate-limiter';
import { readAuthConfig } from '../token/auth-config';
import type { SecurityModuleOptions } from './security.options';

/**
 * The options of `SecurityModule.forRoot` from the environment (docs/configuration.md): token
 * verification (`AUTH_*`) and rate limits (`RATE_LIMIT_*`). The edge node passes its own issuer,
 * trusted besides any in `AUTH_ISSUERS`.
 * @throws SecurityConfigError naming a missing or malformed setting.
 */
export function readSecurityConfig(
  env: NodeJS.ProcessEnv,
  options: { readonly node: NodeRef; readonly auditLog: InjectionToken; readonly edge?: EdgeIssuer },
): SecurityModuleOptions {
  return {
    auth: readAuthConfig(env, options.edge?.defaults ?? {}),
    rateLimit: readRateLimitConfig(env),
    node: options.node,
    auditLog: options.auditLog,
  };
}
