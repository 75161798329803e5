/** Waits `ms`; injectable so tests run without real time passing. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  /** Total tries, the first included (3 means one call and at most two retries). */
  attempts: number;
  /** The backoff cap before the first retry; it doubles for each later one. */
  baseDelayMs: number;
  /** No wait exceeds this, however many retries came before. */
  maxDelayMs: number;
  /**
   * `full`: wait a uniform random time in [0, cap], so many clients failing
   * together do not retry in lockstep (AWS "full jitter"). `none`: wait the cap.
   */
  jitter: 'full' | 'none';
  /** Whether a failure is worth another try; defaults to every failure. */
  retryOn?: (err: unknown, attempt: number) => boolean;
  /** A number in [0, 1); defaults to Math.random. */
  random?: () => number;
  sleep?: Sleep;
  /** Called before each wait, e.g. to count retries. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** The longest wait allowed before retry number `retry` (1-based): base * 2^(retry-1), capped. */
export function backoffCapMs(retry: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
}

/**
 * Calls `fn` until it succeeds, `retryOn` refuses the failure, or `attempts`
 * are used up; the last failure is rethrown as is. `fn` gets the 1-based
 * attempt number, so a caller can report how many it took.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  if (!Number.isInteger(options.attempts) || options.attempts < 1) throw new RangeError('retry: attempts must be a positive integer');
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= options.attempts || !(options.retryOn?.(err, attempt) ?? true)) throw err;
      const cap = backoffCapMs(attempt, options.baseDelayMs, options.maxDelayMs);
      const delayMs = options.jitter === 'full' ? Math.floor(random() * cap) : cap;
      options.onRetry?.({ attempt, delayMs, error: err });
      await sleep(delayMs);
    }
  }
}
