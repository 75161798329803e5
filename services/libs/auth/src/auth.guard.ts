import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError, PUBLIC_ROUTE } from '@dawg/platform';
import { ROLES_KEY } from './decorators';
import { JwtVerifier, type Role } from './jwt';

/**
 * Global guard: every HTTP route needs a valid bearer token unless it is
 * marked @Public(); @Roles() narrows it further.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(req.headers.authorization);
    if (!token) throw AppError.unauthenticated();
    const claims = this.verifier.verify(token);
    req.principal = { id: claims.sub, roles: claims.roles, sessionId: claims.sid, scopes: claims.scope };

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required?.length && !required.some((role) => claims.roles.includes(role))) {
      throw AppError.forbidden(`This requires the ${required.join(' or ')} role.`);
    }
    return true;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
