import { sessionResponseSchema, type SessionResponse } from '@dawg/contracts';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T & { error?: { code: string; message: string; details?: Record<string, unknown> } };
}

/** Credentials for one call: a bearer token or an API key. */
export type Credential = string | { apiKey: string } | undefined;

/** A tiny JSON client for the api's /api/v1, as a browser or SDK would call it. */
export class ApiClient {
  constructor(private readonly baseUrl: string) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, credential?: Credential): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (typeof credential === 'string') headers.authorization = `Bearer ${credential}`;
    else if (credential) headers['x-api-key'] = credential.apiKey;
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as ApiResponse<T>['body'] };
  }

  async register(email: string, displayName = 'Musician'): Promise<SessionResponse> {
    const res = await this.call('POST', '/auth/register', { email, password: 'correct horse battery', displayName });
    if (res.status !== 201) throw new Error(`register ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return sessionResponseSchema.parse(res.body);
  }

  async login(email: string): Promise<SessionResponse> {
    const res = await this.call('POST', '/auth/login', { email, password: 'correct horse battery' });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return sessionResponseSchema.parse(res.body);
  }
}
