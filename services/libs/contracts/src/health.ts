import { z } from 'zod';

export const dependencyCheckSchema = z.object({
  status: z.enum(['up', 'down']),
  latencyMs: z.number().nonnegative(),
  error: z.string().optional(),
});
export type DependencyCheck = z.infer<typeof dependencyCheckSchema>;

/** Body of `GET /health` and `GET /ready` on every service. */
export const healthReportSchema = z.object({
  /** `ok`: serving; `degraded`: a dependency is down; `draining`: shutting down. */
  status: z.enum(['ok', 'degraded', 'draining']),
  service: z.string(),
  version: z.string(),
  uptime: z.number().nonnegative(),
  checks: z.record(z.string(), dependencyCheckSchema),
});
export type HealthReport = z.infer<typeof healthReportSchema>;
