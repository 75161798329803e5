import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '@dawg/auth';
import { AppError } from '@dawg/platform';

export const EXECUTE_SCOPE = 'ops:execute';

/**
 * Who may run ops actions: a scoped credential (an API key) only with the
 * `ops:execute` scope, whoever owns it; a full session only with the admin
 * role. A key's scopes are its ceiling, so an admin's key without the scope is refused.
 */
export function mayExecute(principal: Principal): boolean {
  return principal.scopes ? principal.scopes.includes(EXECUTE_SCOPE) : principal.roles.includes('admin');
}

/** Runs after the global AuthGuard, which has set `req.principal`. */
@Injectable()
export class ExecuteAccessGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
    if (!principal) throw AppError.unauthenticated();
    if (!mayExecute(principal)) throw AppError.forbidden(`This requires the admin role or an API key with the ${EXECUTE_SCOPE} scope.`);
    return true;
  }
}
