import type { Role } from './jwt';

/** Who is calling: set on the request by AuthGuard. */
export interface Principal {
  /** The user id (the token's `sub`). */
  id: string;
  roles: Role[];
  /** Refresh-session family, for tokens minted by a login. */
  sessionId?: string;
  /**
   * Present for API keys and scoped tokens: such a principal reaches only
   * routes that declare (with @Scopes) one of these. Interactive sessions
   * have none and are limited by roles alone.
   */
  scopes?: string[];
  /** Set when the caller authenticated with an API key. */
  apiKeyId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
