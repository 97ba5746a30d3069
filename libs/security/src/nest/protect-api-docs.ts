import { HttpException, type INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { authorize } from '../access/authorize';
import { requestFacts, type SecuredRequest, type SecuredResponse } from './http-facts';
import { forbidden } from './refusals';
import { RequestGate } from './request-gate';
import { SECURITY_INSTALLED } from './security.options';

interface JsonResponse extends SecuredResponse {
  status(code: number): JsonResponse;
  json(body: unknown): unknown;
}

/** True when the app imports `SecurityModule`. */
export function hasSecurityModule(app: INestApplication): boolean {
  // Looked up in the container rather than with app.get, which aborts the process when a token is missing.
  return [...app.get(ModulesContainer).values()].some((module) => module.providers.has(SECURITY_INSTALLED));
}

/**
 * Puts the OpenAPI document and Swagger UI (served outside Nest's router, so outside the guard)
 * behind a token of any role (`api-docs.read`). Mount before `setupOpenApi`.
 */
export function protectApiDocs(app: INestApplication, paths: readonly string[]): void {
  const gate = app.get(RequestGate, { strict: false });
  for (const path of paths) {
    app.use(path, (req: SecuredRequest, res: JsonResponse, next: (error?: unknown) => void) => {
      const facts = requestFacts(req, res, path);
      const admitted = async (): Promise<void> => {
        const principal = await gate.admit(req, res, facts, 'api-docs.read');
        const decision = authorize(principal, 'api-docs.read', { type: 'api-docs', country: gate.options.node.country });
        if (!decision.allowed) {
          await gate.refuse({ outcome: 'refused', status: 403, reason: decision.reason, action: 'api-docs.read', principal, method: facts.method, route: path, correlationId: facts.correlationId });
          throw forbidden('api-docs.read', decision.reason);
        }
      };
      admitted().then(
        () => next(),
        (error: unknown) => {
          if (!(error instanceof HttpException)) return next(error);
          res.status(error.getStatus()).json({ ...(error.getResponse() as object), correlationId: facts.correlationId });
        },
      );
    });
  }
}
