import { z } from 'zod';

/**
 * The operator control plane (api, admin only): service health with 24 h
 * uptime, platform metrics, and `execute`, which dispatches a named action to
 * the service that owns it.
 */

export const OPS_SERVICES = ['api', 'ai-brain', 'voice', 'generation', 'gateway'] as const;
export type OpsServiceName = (typeof OPS_SERVICES)[number];

const count = z.number().int().nonnegative();

// ---------------------------------------------------------------- health

export const opsServiceHealthSchema = z.object({
  name: z.string(),
  /** `up`: /ready answered 200; `degraded`: it answered but a dependency is down (or it drains); `down`: no usable answer. */
  status: z.enum(['up', 'degraded', 'down']),
  latencyMs: z.number().nonnegative(),
  /** The target's /ready checks (postgres, redis, ...); empty when it did not answer. */
  checks: z.record(z.string(), z.object({ status: z.enum(['up', 'down']), latencyMs: z.number(), error: z.string().optional() })),
  /** Share of the last 24 h of samples that found it up; null before the first sample. */
  uptime24h: z.number().min(0).max(1).nullable(),
  samples24h: count,
  lastError: z.string().optional(),
});
export type OpsServiceHealth = z.infer<typeof opsServiceHealthSchema>;

export const opsHealthResponseSchema = z.object({
  status: z.enum(['up', 'degraded', 'down']),
  /** `in-process`: OPS_SERVICE_URLS is unset and every module runs in this process; `directory`: each service was called at its URL. */
  mode: z.enum(['in-process', 'directory']),
  checkedAt: z.string(),
  services: z.array(opsServiceHealthSchema),
});
export type OpsHealthResponse = z.infer<typeof opsHealthResponseSchema>;

// ---------------------------------------------------------------- metrics

const days = z.coerce.number().int().min(1, 'must be between 1 and 90').max(90, 'must be between 1 and 90').default(7);

export const opsMetricsQuerySchema = z.strictObject({ days });
/** `GET /api/v1/ai/usage/stats?days=`: whole UTC days back, today included. */
export const aiUsageStatsQuerySchema = z.strictObject({ days });
export type AiUsageStatsQuery = z.infer<typeof aiUsageStatsQuerySchema>;
export type OpsMetricsQuery = z.infer<typeof opsMetricsQuerySchema>;

/** What the generation service answers on `GET /api/v1/generation/stats`. */
export const generationStatsSchema = z.object({
  jobsByStatus: z.object({ queued: count, running: count, succeeded: count, failed: count, cancelled: count }),
  total: count,
  createdLast24h: count,
});
export type GenerationStats = z.infer<typeof generationStatsSchema>;

/** What the ai-brain service answers on `GET /api/v1/ai/usage/stats?days=`. */
export const aiUsageStatsSchema = z.object({
  days: z.number().int(),
  from: z.string(),
  costByProviderPerDay: z.array(
    z.object({ day: z.string(), provider: z.string(), calls: count, inputTokens: count, outputTokens: count, costUsd: z.number().nonnegative() }),
  ),
  totalCostUsd: z.number().nonnegative(),
});
export type AiUsageStats = z.infer<typeof aiUsageStatsSchema>;

export const opsMetricsResponseSchema = z.object({
  generatedAt: z.string(),
  users: z.object({
    /** Users who signed in, refreshed a session or left an audit event in the last 24 h. */
    active24h: count,
    new24h: count,
    new7d: count,
    total: count,
  }),
  projects: z.object({ total: count }),
  /** Null when the generation service could not be read; see `missing`. */
  generationJobs: generationStatsSchema.nullable(),
  /** Null when the ai-brain service could not be read; see `missing`. */
  aiCost: aiUsageStatsSchema.nullable(),
  /** Parts left out because their owning service did not answer. */
  missing: z.array(z.object({ part: z.string(), service: z.string(), error: z.string() })),
});
export type OpsMetricsResponse = z.infer<typeof opsMetricsResponseSchema>;

// ---------------------------------------------------------------- execute

const identifier = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lower-case name such as generation or stats');

export const executeRequestSchema = z.strictObject({
  module: identifier,
  action: identifier,
  /** Checked against the action's own schema. */
  params: z.record(z.string(), z.unknown()).default({}),
});
export type ExecuteRequest = z.infer<typeof executeRequestSchema>;

export const executeResponseSchema = z.object({
  module: z.string(),
  action: z.string(),
  /** The owning service's HTTP status. */
  status: z.number().int(),
  /** Calls made, retries included. */
  attempts: z.number().int().positive(),
  result: z.unknown(),
});
export type ExecuteResponse = z.infer<typeof executeResponseSchema>;
