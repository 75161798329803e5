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
    // One labelled child per (method, route, status): prom-client need not hash labels on every request.
    const children = new Map<string, { observe(seconds: number): void }>();
    return (req: Request, res: Response, next: NextFunction): void => {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const route = routeTemplate(req);
        const key = `${req.method} ${route} ${res.statusCode}`;
        let child = children.get(key);
        if (!child) {
          child = this.httpRequestDuration.labels(req.method, route, String(res.statusCode));
          children.set(key, child);
        }
        child.observe(Number(process.hrtime.bigint() - started) / 1e9);
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
