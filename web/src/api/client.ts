/**
 * The typed api client: openapi-fetch over the generated `paths`, with a
 * fetch that adds the bearer token, and on a 401 renews the session (or
 * waits for a new sign-in) and sends the request once more.
 */
import createClient, { type Client } from 'openapi-fetch';
import { ApiError } from './errors';
import type { paths } from './schema';
import type { AuthSession } from './session';

export type ApiClient = Client<paths>;

export function authorizedFetch(session: AuthSession, send: typeof fetch = (input) => fetch(input)): (request: Request) => Promise<Response> {
  return async (request) => {
    const retry = request.clone();
    const token = await session.token();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    const response = await send(request);
    if (response.status !== 401 || !token) return response;
    const renewed = await session.recover(token);
    if (!renewed) return response;
    retry.headers.set('authorization', `Bearer ${renewed}`);
    return send(retry);
  };
}

/** The client for signed-in calls. `baseUrl` is '' in the browser (same origin as the studio). */
export function createApiClient(session: AuthSession, baseUrl = '', send?: typeof fetch): ApiClient {
  return createClient<paths>({ baseUrl, fetch: authorizedFetch(session, send) });
}

/** The client for the auth routes, which take no bearer token. */
export function createPublicClient(baseUrl = '', send?: typeof fetch): ApiClient {
  return createClient<paths>({ baseUrl, ...(send ? { fetch: (request: Request) => send(request) } : {}) });
}

/** The data of a call, or its error answer as an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw await ApiError.from(response, error);
  return data as T;
}
