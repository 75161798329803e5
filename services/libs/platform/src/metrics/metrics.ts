import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * One Prometheus registry per service process. Modules add their own
 * collectors to `registry`; `/metrics` serves it.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  // One labelled child per (method, route, status): prom-client need not hash labels on every request.
  private readonly httpChildren = new Map<string, { observe(seconds: number): void }>();

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.httpRequestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route template and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  /**
   * Records one request. `route` is the matched route template
   * (`/api/v1/projects/:id`), never the raw path; unmatched requests share one label.
   */
  observeHttp(method: string, route: string | undefined, statusCode: number, seconds: number): void {
    const label = route ?? UNMATCHED_ROUTE;
    const key = `${method} ${label} ${statusCode}`;
    let child = this.httpChildren.get(key);
    if (!child) {
      child = this.httpRequestDuration.labels(method, label, String(statusCode));
      this.httpChildren.set(key, child);
    }
    child.observe(seconds);
  }
}
