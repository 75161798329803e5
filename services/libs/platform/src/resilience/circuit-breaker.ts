import { AppError } from '../errors/app-error';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** What the breaker guards (a service name); reported in errors and metrics. */
  target: string;
  /** Opens after this many failures in a row. */
  consecutiveFailures: number;
  /** Also opens when at least this share (0-1) of the calls in the window failed... */
  failureRatio?: number;
  /** ...counting only once the window holds this many calls, so two calls cannot trip it. */
  minimumCalls?: number;
  /** The rolling window for the ratio. */
  windowMs?: number;
  /** How long it stays open before letting one probe through. */
  coolDownMs: number;
  /** Which errors count against the target; e.g. a 404 is the caller's fault, not the target's. Defaults to all. */
  isFailure?: (err: unknown) => boolean;
  now?: () => number;
  onStateChange?: (from: CircuitState, to: CircuitState) => void;
  /** Called when a call is refused without reaching the target. */
  onReject?: () => void;
}

/** Raised instead of calling a target whose breaker is open: 503 SERVICE_UNAVAILABLE with the target named. */
export class CircuitOpenError extends AppError {
  constructor(
    readonly target: string,
    readonly retryAfterMs: number,
  ) {
    super('SERVICE_UNAVAILABLE', `${target} is failing; calls to it are paused for a moment.`, { target, retryAfterMs });
    this.name = 'CircuitOpenError';
  }
}

/**
 * A circuit breaker for one target. Closed: calls pass and outcomes are
 * counted. Open: calls fail fast with CircuitOpenError, sparing a struggling
 * target and the caller's time. After the cool-down one probe goes through
 * (half-open); its success closes the circuit, its failure opens it again.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failuresInARow = 0;
  private openedAt = 0;
  private probeInFlight = false;
  // Outcomes inside the rolling window, oldest first.
  private outcomes: Array<{ at: number; failed: boolean }> = [];
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get target(): string {
    return this.options.target;
  }

  /** The state now; an open circuit whose cool-down is over reads as half-open. */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.coolDownMs) return 'half-open';
    return this.current;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.probeInFlight)) {
      this.options.onReject?.();
      const remaining = this.current === 'open' ? this.options.coolDownMs - (this.now() - this.openedAt) : this.options.coolDownMs;
      throw new CircuitOpenError(this.options.target, Math.max(0, remaining));
    }
    const probing = state === 'half-open';
    if (probing) {
      this.transition('half-open');
      this.probeInFlight = true;
    }
    try {
      const result = await call();
      this.recordSuccess();
      return result;
    } catch (err) {
      if (this.options.isFailure?.(err) ?? true) this.recordFailure();
      // An error that is not the target's fault still proves it answers.
      else this.recordSuccess();
      throw err;
    } finally {
      if (probing) this.probeInFlight = false;
    }
  }

  private recordSuccess(): void {
    this.failuresInARow = 0;
    this.remember(false);
    if (this.current !== 'closed') {
      this.outcomes = [];
      this.transition('closed');
    }
  }

  private recordFailure(): void {
    this.failuresInARow++;
    this.remember(true);
    if (this.current === 'half-open' || this.shouldOpen()) {
      this.openedAt = this.now();
      this.transition('open');
    }
  }

  private shouldOpen(): boolean {
    if (this.current !== 'closed') return false;
    if (this.failuresInARow >= this.options.consecutiveFailures) return true;
    const { failureRatio, minimumCalls = 10 } = this.options;
    if (failureRatio === undefined || this.outcomes.length < minimumCalls) return false;
    const failed = this.outcomes.filter((o) => o.failed).length;
    return failed / this.outcomes.length >= failureRatio;
  }

  private remember(failed: boolean): void {
    const at = this.now();
    const windowMs = this.options.windowMs ?? 60_000;
    this.outcomes.push({ at, failed });
    const firstInWindow = this.outcomes.findIndex((o) => at - o.at < windowMs);
    if (firstInWindow > 0) this.outcomes.splice(0, firstInWindow);
  }

  private transition(to: CircuitState): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    this.options.onStateChange?.(from, to);
  }
}
