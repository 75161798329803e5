import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError, PUBLIC_ROUTE } from '@dawg/platform';
import { API_KEY_HEADER, API_KEY_VERIFIER, type ApiKeyVerifier } from './api-keys';
import { ROLES_KEY, SCOPES_KEY } from './decorators';
import { JwtVerifier, type Role } from './jwt';
import type { Principal } from './principal';

type Targets = [ReturnType<ExecutionContext['getHandler']>, ReturnType<ExecutionContext['getClass']>];

/**
 * Global guard: every HTTP route needs a valid bearer token or API key
 * unless it is marked @Public(); @Roles() narrows it further, and @Scopes()
 * opens it to scoped principals (API keys).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
    @Optional() @Inject(API_KEY_VERIFIER) private readonly apiKeys?: ApiKeyVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets: Targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const apiKey = req.headers[API_KEY_HEADER];
    const token = bearerToken(req.headers.authorization);
    if (apiKey !== undefined) {
      if (token) throw AppError.unauthenticated(`Send either a bearer token or an ${API_KEY_HEADER} header, not both.`);
      // Only the key lookup is asynchronous; bearer tokens stay on the synchronous path.
      return this.authenticateApiKey(apiKey, req).then((principal) => this.authorise(principal, targets));
    }
    if (!token) throw AppError.unauthenticated();
    const claims = this.verifier.verify(token);
    req.principal = { id: claims.sub, roles: claims.roles, sessionId: claims.sid, scopes: claims.scope };
    return this.authorise(req.principal, targets);
  }

  private async authenticateApiKey(header: string | string[], req: FastifyRequest): Promise<Principal> {
    if (!this.apiKeys) throw AppError.unauthenticated('This service does not accept API keys; use a bearer token.');
    const key = Array.isArray(header) ? undefined : header.trim();
    const principal = key ? await this.apiKeys.verify(key) : undefined;
    if (!principal) throw AppError.unauthenticated('The API key is invalid, revoked or expired.');
    req.principal = principal;
    return principal;
  }

  private authorise(principal: Principal, targets: Targets): true {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required?.length && !required.some((role) => principal.roles.includes(role))) {
      throw AppError.forbidden(`This requires the ${required.join(' or ')} role.`);
    }
    if (principal.scopes) {
      const accepted = this.reflector.getAllAndOverride<string[] | undefined>(SCOPES_KEY, targets);
      if (!accepted?.length) throw AppError.forbidden('This route is not available to API keys or scoped tokens.');
      if (!accepted.some((scope) => principal.scopes!.includes(scope))) {
        throw new AppError('FORBIDDEN', `This requires the ${accepted.join(' or ')} scope.`, { requiredScopes: accepted });
      }
    }
    return true;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
