import type { Role } from './jwt';

/** Who is calling: set on the request by AuthGuard. */
export interface Principal {
  /** The user id (the token's `sub`). */
  id: string;
  roles: Role[];
  /** Refresh-session family, for tokens minted by a login. */
  sessionId?: string;
  /** Present for scoped (API-key or agent) tokens. */
  scopes?: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
