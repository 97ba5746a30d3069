import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiHeader, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { PURPOSES } from '../access/purpose';
import { ACCESS_RULES, type Action } from '../access/role-table';
import type { Principal } from '../principal/principal';
import { AccessContext } from './access-context';

export const ACCESS_METADATA = 'border-ledger:access';
export const PUBLIC_METADATA = 'border-ledger:public';
/** Where the guard leaves the request's {@link AccessContext}. */
export const ACCESS_CONTEXT = Symbol('border-ledger.accessContext');

/** What a handler declares with {@link Access}. */
export interface AccessRequirement {
  readonly action: Action;
  /** The record a request names, for the audit: its type and the route parameter holding its id. */
  readonly resource?: { readonly type: string; readonly idParam?: string };
}

/** What a handler declares with {@link Public}. */
export interface PublicOptions {
  /** Verify a bearer token when one is sent (never refusing), so the handler can show more to some callers. */
  readonly identifyCaller?: boolean;
}

/**
 * Declares the action a handler takes (see `ACCESS_RULES`). Every handler declares this or
 * {@link Public}; with `SecurityModule` installed, one that declares neither is refused (and the
 * app refuses to start).
 */
export function Access(action: Action, resource?: AccessRequirement['resource']): MethodDecorator {
  const requirement: AccessRequirement = resource ? { action, resource } : { action };
  const decorators = [
    SetMetadata(ACCESS_METADATA, requirement),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No valid bearer token (missing, expired, wrongly signed, another audience or issuer)' }),
    ApiForbiddenResponse({ description: `The token's roles and scope do not allow ${action}` }),
    ApiTooManyRequestsResponse({ description: 'Rate limit of the agency and client exceeded; see Retry-After' }),
  ];
  if (ACCESS_RULES[action].sensitive) {
    decorators.push(ApiHeader({ name: 'X-Purpose-Of-Use', required: true, enum: [...PURPOSES], description: 'Why this sensitive record is read; recorded in the audit stream' }));
  }
  return applyDecorators(...decorators);
}

/** Declares a handler open to everyone: liveness, readiness, metrics. */
export function Public(options: PublicOptions = {}): MethodDecorator {
  return SetMetadata(PUBLIC_METADATA, options);
}

/** The request's {@link AccessContext} (unrestricted in apps without `SecurityModule`). */
export const CurrentAccess = createParamDecorator((_data: unknown, context: ExecutionContext): AccessContext => {
  const request = context.switchToHttp().getRequest<Record<symbol, unknown>>();
  return (request[ACCESS_CONTEXT] as AccessContext | undefined) ?? AccessContext.unrestricted();
});

/** The verified caller, or null (public routes, apps without `SecurityModule`). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal | null => {
  const request = context.switchToHttp().getRequest<Record<symbol, unknown>>();
  return (request[ACCESS_CONTEXT] as AccessContext | undefined)?.principal ?? null;
});

