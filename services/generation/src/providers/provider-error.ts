import type { ExternalMusicProviderName } from '@dawg/contracts';

export type ProviderName = ExternalMusicProviderName | 'openai';

/**
 * Why an external provider gave no result. `retryable` says whether trying
 * the same request again later can help (a rate limit, an outage, a
 * timeout), as opposed to a refused key or a prompt the model failed on.
 */
export const PROVIDER_ERROR_CODES = ['UNAUTHORIZED', 'RATE_LIMITED', 'UNAVAILABLE', 'REJECTED', 'FAILED', 'TIMEOUT', 'INVALID_OUTPUT'] as const;
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];
const RETRYABLE: ReadonlySet<ProviderErrorCode> = new Set(['RATE_LIMITED', 'UNAVAILABLE', 'TIMEOUT']);

export class GenerationProviderError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly provider: ProviderName,
    readonly code: ProviderErrorCode,
    message: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(`${provider}: ${message}`, { cause: options.cause });
    this.name = 'GenerationProviderError';
    this.retryable = RETRYABLE.has(code);
    this.status = options.status;
  }

  /** The HTTP status the provider answered with, when there was one. */
  readonly status: number | undefined;
}

/** The error for a non-2xx answer; `detail` is the provider's own message, kept short. */
export function errorForStatus(provider: ProviderName, status: number, detail: string, cause?: unknown): GenerationProviderError {
  const said = detail ? `: ${truncate(detail, 300)}` : '';
  if (status === 401 || status === 403) return new GenerationProviderError(provider, 'UNAUTHORIZED', `the API key was refused (HTTP ${status})${said}`, { cause, status });
  if (status === 402) return new GenerationProviderError(provider, 'REJECTED', `the account is out of credit (HTTP 402)${said}`, { cause, status });
  if (status === 429) return new GenerationProviderError(provider, 'RATE_LIMITED', `rate limited (HTTP 429), still after retries${said}`, { cause, status });
  if (status >= 500) return new GenerationProviderError(provider, 'UNAVAILABLE', `the service failed (HTTP ${status})${said}`, { cause, status });
  return new GenerationProviderError(provider, 'REJECTED', `the request was refused (HTTP ${status})${said}`, { cause, status });
}

/** The caller's signal and the provider deadline as one signal. */
export function withDeadline(signal: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
}

/**
 * What to throw once the combined signal has aborted: the caller's own
 * reason (a cancelled or timed-out job) untouched, so the worker recognises
 * it, else our provider deadline.
 */
export function abortError(caller: AbortSignal, provider: ProviderName, timeoutMs: number): unknown {
  if (caller.aborted) return caller.reason;
  return new GenerationProviderError(provider, 'TIMEOUT', `no result within ${timeoutMs} ms`);
}

export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
