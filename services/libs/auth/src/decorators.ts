import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from '@dawg/platform';
import type { Role } from './jwt';
import type { Principal } from './principal';

export { Public } from '@dawg/platform';

export const ROLES_KEY = 'dawg:roles';
export const SCOPES_KEY = 'dawg:scopes';

/** Restricts a route or controller to principals holding at least one of these roles. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/**
 * The API-key scopes (any one of them) that let a scoped principal reach this
 * route or controller. Routes without it are closed to API keys.
 */
export const Scopes = (...scopes: string[]): MethodDecorator & ClassDecorator => SetMetadata(SCOPES_KEY, scopes);

/** The authenticated principal of the current request. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<FastifyRequest>().principal;
  // Reaching here without a principal means a route is marked @Public() yet asks for a user.
  if (!principal) throw AppError.unauthenticated();
  return principal;
});
