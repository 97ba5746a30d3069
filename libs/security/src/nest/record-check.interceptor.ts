import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import { ACCESS_RULES } from '../access/role-table';
import type { AccessContext } from './access-context';
import { ACCESS_CONTEXT, ACCESS_METADATA, type AccessRequirement } from './access.decorators';

/**
 * Fail closed for record actions: a handler whose action can only be decided on the record must
 * have called `AccessContext.authorize` (or `pointsOfEntry` for lists). One that answers without
 * it is a bug; its answer is replaced by a 500 rather than sent.
 */
@Injectable()
export class RecordCheckInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Security');

  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const requirement = this.reflector.get<AccessRequirement | undefined>(ACCESS_METADATA, context.getHandler());
    if (!requirement || ACCESS_RULES[requirement.action].target === 'node') return next.handle();
    const access = context.switchToHttp().getRequest<Record<symbol, unknown>>()[ACCESS_CONTEXT] as AccessContext | undefined;
    return next.handle().pipe(
      map((value) => {
        if (access?.checked) return value;
        this.logger.error(`${context.getClass().name}.${context.getHandler().name} answered ${requirement.action} without checking the record`);
        throw new Error(`Access to the record was not checked (${requirement.action})`);
      }),
    );
  }
}
