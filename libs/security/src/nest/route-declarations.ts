import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { DiscoveryService, Reflector } from '@nestjs/core';
import { isAction } from '../access/role-table';
import { ACCESS_METADATA, PUBLIC_METADATA, type AccessRequirement } from './access.decorators';

/**
 * Handlers of the app's controllers that declare neither `@Access` (with an action of the table)
 * nor `@Public`: `SecurityModule` refuses to start with any, so a forgotten declaration is found
 * at start-up rather than by a caller.
 */
export function undeclaredRoutes(discovery: DiscoveryService, reflector: Reflector): string[] {
  const missing: string[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type?.prototype) continue;
    const proto = type.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      const requirement = reflector.get<AccessRequirement | undefined>(ACCESS_METADATA, handler);
      const open = reflector.getAllAndOverride<unknown>(PUBLIC_METADATA, [handler, type]);
      if (!open && !(requirement && isAction(requirement.action))) missing.push(`${type.name}.${name}`);
    }
  }
  return missing;
}
