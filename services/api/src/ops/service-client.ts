import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ERROR_CODES, type ErrorCode, errorBodySchema, type OpsServiceName } from '@dawg/contracts';
import { AppError, CircuitBreaker, CircuitOpenError, codeForStatus, Metrics, ResilienceMetrics, retry } from '@dawg/platform';
import { describeNetworkError } from './ops-health.service';
import { OPS_SETTINGS, type OpsSettings } from './ops-settings';
import { ServiceDirectory } from './service-directory';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ServiceCall {
  target: OpsServiceName;
  method: HttpMethod;
  /** Path with the /api/v1 prefix, e.g. `/api/v1/generation/stats`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** The caller's credential and request id, forwarded as is. */
  headers: Record<string, string>;
  /** Sent on every attempt, so the target can tell a retry from a new request. */
  idempotencyKey?: string;
}

export interface ServiceAnswer {
  status: number;
  body: unknown;
  attempts: number;
}

/** Why a call to another service failed; `phase` decides whether it may be retried. */
export class ServiceCallError extends Error {
  constructor(
    readonly target: OpsServiceName,
    /** `connect`: the request never left (refused, unresolvable); `transport`: it may have arrived; `status`: the target answered with an error. */
    readonly phase: 'connect' | 'transport' | 'status',
    message: string,
    readonly status?: number,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ServiceCallError';
  }
}

// Failures where the connection was never made, so the request cannot have reached the target.
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * The retry rule for calls to other services. GET (idempotent) calls are
 * retried on 5xx and on any network failure or timeout. Other methods are
 * retried only when the connection was never made: after that the target may
 * have acted, and a retry could act twice. 4xx and an open breaker are never retried.
 */
export function isRetryableCall(method: HttpMethod, err: unknown): boolean {
  if (!(err instanceof ServiceCallError)) return false;
  if (err.phase === 'connect') return true;
  if (method !== 'GET') return false;
  return err.phase === 'transport' || (err.status !== undefined && err.status >= 500);
}

/** 4xx answers are the caller's mistake and do not count against the target's breaker. */
function isTargetFailure(err: unknown): boolean {
  return !(err instanceof ServiceCallError && err.phase === 'status' && err.status !== undefined && err.status < 500);
}

/**
 * HTTP calls from the api to the services that own other data: through
 * `retry` (3 attempts, exponential backoff with full jitter) and one circuit
 * breaker per target, with Prometheus metrics for both.
 */
@Injectable()
export class ServiceClient {
  private readonly breakers = new Map<OpsServiceName, CircuitBreaker>();
  private readonly metrics: ResilienceMetrics;

  constructor(
    private readonly directory: ServiceDirectory,
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
    metrics: Metrics,
  ) {
    this.metrics = ResilienceMetrics.for(metrics.registry);
  }

  /**
   * Calls a service; resolves on 2xx. Otherwise throws an AppError: the
   * target's own 4xx error, CircuitOpenError, or SERVICE_UNAVAILABLE (5xx or
   * network failure after the retries, or a target missing from the directory).
   */
  async call(call: ServiceCall): Promise<ServiceAnswer> {
    const baseUrl = this.directory.baseUrl(call.target);
    if (!baseUrl) throw new AppError('SERVICE_UNAVAILABLE', `${call.target} is not in OPS_SERVICE_URLS.`, { target: call.target });
    const url = new URL(`${baseUrl}${call.path}`);
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
    const breaker = this.breakerFor(call.target);
    let attempts = 0;
    try {
      const answer = await retry(
        (attempt) => {
          attempts = attempt;
          return breaker.run(() => this.send(call, url));
        },
        {
          attempts: 3,
          baseDelayMs: this.settings.retryBaseDelayMs,
          maxDelayMs: this.settings.retryMaxDelayMs,
          jitter: 'full',
          retryOn: (err) => isRetryableCall(call.method, err),
          ...this.metrics.retryHooks(call.target),
        },
      );
      return { ...answer, attempts };
    } catch (err) {
      throw toAppError(err, call.target, attempts);
    }
  }

  breakerFor(target: OpsServiceName): CircuitBreaker {
    let breaker = this.breakers.get(target);
    if (!breaker) {
      breaker = new CircuitBreaker({
        target,
        consecutiveFailures: this.settings.breakerFailures,
        failureRatio: 0.5,
        minimumCalls: 20,
        windowMs: 60_000,
        coolDownMs: this.settings.breakerCoolDownMs,
        isFailure: isTargetFailure,
        ...this.metrics.breakerHooks(target),
      });
      this.breakers.set(target, breaker);
    }
    return breaker;
  }

  private async send(call: ServiceCall, url: URL): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(this.settings.dispatchTimeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      const phase = code && CONNECT_ERRORS.has(code) ? 'connect' : 'transport';
      throw new ServiceCallError(call.target, phase, `${call.target}: ${describeNetworkError(err, this.settings.dispatchTimeoutMs)}`);
    }
    const body = parseJson(text);
    if (res.status >= 200 && res.status < 300) return { status: res.status, body };
    throw new ServiceCallError(call.target, 'status', `${call.target} answered ${res.status}`, res.status, body);
  }
}

/** Our error for a failed service call: a 4xx keeps the target's code and message; anything else is 503 naming the target. */
export function toAppError(err: unknown, target: OpsServiceName, attempts: number): AppError {
  if (err instanceof CircuitOpenError || err instanceof AppError) return err;
  if (err instanceof ServiceCallError && err.phase === 'status' && err.status !== undefined && err.status < 500) {
    const parsed = errorBodySchema.safeParse(err.body);
    const code = parsed.success && (ERROR_CODES as readonly string[]).includes(parsed.data.error.code) ? (parsed.data.error.code as ErrorCode) : codeForStatus(err.status);
    const message = parsed.success ? parsed.data.error.message : `${target} refused the request (${err.status}).`;
    return new AppError(code, message, { target, status: err.status, ...(parsed.success && parsed.data.error.details !== undefined ? { details: parsed.data.error.details } : {}) });
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError('SERVICE_UNAVAILABLE', `${target} did not answer successfully after ${attempts} attempt(s) (${reason}).`, { target, attempts, reason });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const newIdempotencyKey = (): string => randomUUID();
