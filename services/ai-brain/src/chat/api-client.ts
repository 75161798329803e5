import type { ErrorBody } from '@dawg/contracts';

/** An api answer that was not 2xx, with the error body's code, message and details. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** The caller's own credential, passed on as it came: an access token, or an API key (whose scopes then bound the tools too). */
export interface Credential {
  kind: 'bearer' | 'api-key';
  value: string;
}

/**
 * The api's REST surface, called with the user's own access token: the
 * assistant can do exactly what the user could, no more, and every change
 * goes through the same validation, versioning, events and audit as the
 * user's own edits.
 */
export class ApiClient {
  constructor(
    private readonly baseUrl: () => string,
    private readonly credential: Credential,
    private readonly requestId: string,
    private readonly timeoutMs = 15_000,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PATCH', path, body);
  }

  delete(path: string): Promise<void> {
    return this.call<void>('DELETE', path);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl()}/api/v1${path}`, {
        method,
        headers: {
          ...(this.credential.kind === 'bearer' ? { authorization: `Bearer ${this.credential.value}` } : { 'x-api-key': this.credential.value }),
          'x-request-id': this.requestId,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new ApiCallError(503, 'SERVICE_UNAVAILABLE', `The studio API could not be reached: ${(err as Error).message}`);
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) {
      const error = (json as Partial<ErrorBody> | undefined)?.error;
      throw new ApiCallError(res.status, error?.code ?? 'UNKNOWN', error?.message ?? `The studio API answered ${res.status}.`, error?.details);
    }
    return json as T;
  }
}
