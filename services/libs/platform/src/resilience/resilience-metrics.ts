import { Counter, Gauge, type Registry } from 'prom-client';
import type { CircuitBreakerOptions, CircuitState } from './circuit-breaker';
import type { RetryOptions } from './retry';

const STATE_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

// prom-client refuses a second collector of one name in a registry; one set per registry.
const byRegistry = new WeakMap<Registry, ResilienceMetrics>();

/**
 * Prometheus collectors for retries and circuit breakers, on a service's
 * registry (`Metrics.registry`). Hand `breakerHooks`/`retryHooks` to the
 * pure CircuitBreaker and retry, which know nothing of Prometheus.
 */
export class ResilienceMetrics {
  readonly breakerState: Gauge<'target'>;
  readonly breakerTransitions: Counter<'target' | 'to'>;
  readonly breakerRejections: Counter<'target'>;
  readonly retries: Counter<'target'>;

  private constructor(registry: Registry) {
    this.breakerState = new Gauge({
      name: 'circuit_breaker_state',
      help: 'Circuit breaker state per target: 0 closed, 1 half-open, 2 open.',
      labelNames: ['target'],
      registers: [registry],
    });
    this.breakerTransitions = new Counter({
      name: 'circuit_breaker_transitions_total',
      help: 'Circuit breaker state changes, by target and the state entered.',
      labelNames: ['target', 'to'],
      registers: [registry],
    });
    this.breakerRejections = new Counter({
      name: 'circuit_breaker_rejections_total',
      help: 'Calls refused without reaching the target because its circuit was open.',
      labelNames: ['target'],
      registers: [registry],
    });
    this.retries = new Counter({
      name: 'retries_total',
      help: 'Calls retried after a failure, by target.',
      labelNames: ['target'],
      registers: [registry],
    });
  }

  static for(registry: Registry): ResilienceMetrics {
    let metrics = byRegistry.get(registry);
    if (!metrics) {
      metrics = new ResilienceMetrics(registry);
      byRegistry.set(registry, metrics);
    }
    return metrics;
  }

  breakerHooks(target: string): Pick<CircuitBreakerOptions, 'onStateChange' | 'onReject'> {
    this.breakerState.labels(target).set(STATE_VALUE.closed);
    return {
      onStateChange: (_from, to) => {
        this.breakerState.labels(target).set(STATE_VALUE[to]);
        this.breakerTransitions.labels(target, to).inc();
      },
      onReject: () => this.breakerRejections.labels(target).inc(),
    };
  }

  retryHooks(target: string): Pick<RetryOptions, 'onRetry'> {
    return { onRetry: () => this.retries.labels(target).inc() };
  }
}
