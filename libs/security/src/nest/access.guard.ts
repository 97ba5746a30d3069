import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { authorize } from '../access/authorize';
import { isPurpose, PURPOSE_HEADER } from '../access/purpose';
import { ACCESS_RULES } from '../access/role-table';
import { AccessContext } from './access-context';
import { ACCESS_CONTEXT, ACCESS_METADATA, PUBLIC_METADATA, type AccessRequirement, type PublicOptions } from './access.decorators';
import { header, requestFacts, type RequestFacts, type SecuredRequest, type SecuredResponse } from './http-facts';
import { forbidden, purposeRequired } from './refusals';
import { RequestGate } from './request-gate';
import { SECURITY_OPTIONS, type SecurityModuleOptions } from './security.options';

/**
 * The global guard `SecurityModule` installs. For each request: public handlers pass (optionally
 * identifying the caller); a handler that declares no requirement is refused (fail closed);
 * otherwise the token is verified, the rate limit taken, the role table consulted (fully for
 * node-wide actions, as a door check for record actions), and a sensitive read must state its
 * purpose. Every refusal is recorded before it is answered.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly gate: RequestGate,
    @Inject(SECURITY_OPTIONS) private readonly options: SecurityModuleOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const req = context.switchToHttp().getRequest<SecuredRequest>();
    const res = context.switchToHttp().getResponse<SecuredResponse>();
    const facts = requestFacts(req, res);
    const targets = [context.getHandler(), context.getClass()];
    const open = this.reflector.getAllAndOverride<PublicOptions | undefined>(PUBLIC_METADATA, targets);
    if (open) {
      req[ACCESS_CONTEXT] = this.context(await this.identify(req, open), null, facts);
      return true;
    }
    const requirement = this.reflector.get<AccessRequirement | undefined>(ACCESS_METADATA, context.getHandler());
    if (!requirement) {
      await this.gate.refuse({ outcome: 'refused', status: 403, reason: 'no-requirement', method: facts.method, route: facts.route, correlationId: facts.correlationId });
      throw forbidden('this endpoint', 'no-requirement');
    }
    const { action } = requirement;
    const principal = await this.gate.admit(req, res, facts, action);
    const rule = ACCESS_RULES[action];
    const id = auditableId(requirement.resource?.idParam ? req.params?.[requirement.resource.idParam] : undefined);
    const resource = { type: requirement.resource?.type ?? 'node', ...(id ? { id } : {}), country: this.options.node.country };
    const decision = rule.target === 'node' ? authorize(principal, action, resource) : authorize(principal, action);
    const entry = { action, principal, method: facts.method, route: facts.route, correlationId: facts.correlationId, resource };
    if (!decision.allowed) {
      await this.gate.refuse({ ...entry, outcome: 'refused', status: 403, reason: decision.reason });
      throw forbidden(action, decision.reason);
    }
    const stated = header(req, PURPOSE_HEADER);
    const purpose = isPurpose(stated) ? stated : null;
    if (rule.sensitive && !purpose) {
      await this.gate.refuse({ ...entry, outcome: 'refused', status: 400, reason: stated === undefined ? 'purpose-missing' : 'purpose-unknown' });
      throw purposeRequired();
    }
    if (rule.target === 'node' && rule.sensitive) {
      await this.gate.audit.record({ ...entry, outcome: 'granted', status: 200, view: decision.view, purpose });
    }
    req[ACCESS_CONTEXT] = this.context(principal, purpose, facts);
    return true;
  }

  private async identify(req: SecuredRequest, options: PublicOptions) {
    if (!options.identifyCaller || header(req, 'authorization') === undefined) return null;
    const auth = await this.gate.verifier.authenticate(header(req, 'authorization'));
    return auth.ok ? auth.principal : null;
  }

  private context(principal: AccessContext['principal'], purpose: AccessContext['purpose'], facts: RequestFacts): AccessContext {
    return AccessContext.enforced(principal, purpose, { audit: this.gate.audit, country: this.options.node.country, facts });
  }
}

// Ids as the system makes them: UUIDs, traveller references, point-of-entry codes. Anything else
// in a path is what a caller typed (it could be a name), so it is not recorded.
const SYSTEM_ID = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-f]{64}|[A-Z]{2}-[A-Z0-9-]{2,40}|[A-Z]{2})$/;

function auditableId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return SYSTEM_ID.test(value) ? value : '(malformed)';
}
