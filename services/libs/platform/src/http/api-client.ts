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

/** The caller's own credential, passed on as it came: an access token, or an API key (whose scopes then bound what is done with it). */
export interface Credential {
  kind: 'bearer' | 'api-key';
  value: string;
}

/** The credential a request came with (x-api-key, else the bearer token). */
export function credentialOf(headers: Record<string, string | string[] | undefined>): Credential {
  const key = headers['x-api-key'];
  if (typeof key === 'string' && key) return { kind: 'api-key', value: key };
  const bearer = /^Bearer\s+(\S+)$/i.exec(String(headers.authorization ?? ''))?.[1];
  return { kind: 'bearer', value: bearer ?? '' };
}

/**
 * The api's REST surface, called by another service with the user's own
 * credential: that service can do exactly what the user could, no more, and
 * every change goes through the same validation, versioning, events and
 * audit as the user's own edits (the assistant's tools, the voice coach
 * reading a recording).
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

  /** A binary body (e.g. /audio/:id/content), with at most `maxBytes` read. */
  async bytes(path: string, maxBytes: number): Promise<Uint8Array> {
    const res = await this.send('GET', path);
    if (!res.ok) throw await errorOf(res);
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > maxBytes) throw new ApiCallError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes.`);
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.byteLength > maxBytes) throw new ApiCallError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes.`);
    return body;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.send(method, path, body);
    if (res.status === 204) return undefined as T;
    if (!res.ok) throw await errorOf(res);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl()}/api/v1${path}`, {
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
  }
}

async function errorOf(res: Response): Promise<ApiCallError> {
  const text = await res.text().catch(() => '');
  let error: Partial<ErrorBody['error']> | undefined;
  try {
    error = (JSON.parse(text) as Partial<ErrorBody>).error;
  } catch {
    error = undefined;
  }
  return new ApiCallError(res.status, error?.code ?? 'UNKNOWN', error?.message ?? `The studio API answered ${res.status}.`, error?.details);
}

/**
 * This process's own base URL, from the address it listens on: how a module
 * reaches a sibling module's routes in `unified`, over the same HTTP path
 * (auth, validation, audit) as between deployments.
 */
export function loopbackUrl(server: { address(): unknown }, host: string): string {
  const { port } = server.address() as { port: number };
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${local.includes(':') ? `[${local}]` : local}:${port}`;
}
