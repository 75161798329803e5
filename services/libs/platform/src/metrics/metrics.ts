import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * One Prometheus registry per service process. Modules add their own
 * collectors to `registry`; `/metrics` serves it.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;

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

  /** Express middleware timing every request; labels use the matched route template, never the raw path. */
  httpMiddleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const stop = this.httpRequestDuration.startTimer();
      res.once('finish', () => {
        stop({ method: req.method, route: routeTemplate(req), status_code: String(res.statusCode) });
      });
      next();
    };
  }
}

/** Express keeps the matched route on the request; its path is the template (`/projects/:id`). */
function routeTemplate(req: Request): string {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : UNMATCHED_ROUTE;
}
