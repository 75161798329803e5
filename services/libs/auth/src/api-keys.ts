import type { Principal } from './principal';

/** Header machine clients send their API key in. */
export const API_KEY_HEADER = 'x-api-key';

/** Resolves an API key to its principal. Provided by the service that owns the keys (api); elsewhere absent. */
export interface ApiKeyVerifier {
  /** The key's principal, or undefined when it is unknown, revoked or expired. */
  verify(key: string): Promise<Principal | undefined>;
}
export const API_KEY_VERIFIER = Symbol('API_KEY_VERIFIER');
