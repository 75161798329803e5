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
  /** New users and projects per UTC day over the last `days` days, oldest first, every day present (zeros included). */
  daily: z.array(z.object({ day: z.string(), newUsers: count, newProjects: count })),
  /** Null when the generation service could not be read; see `missing`. */
  generationJobs: generationStatsSchema.nullable(),
  /** Null when the ai-brain service could not be read; see `missing`. */
  aiCost: aiUsageStatsSchema.nullable(),
  /** Parts left out because their owning service did not answer. */
  missing: z.array(z.object({ part: z.string(), service: z.string(), error: z.string() })),
});
export type OpsMetricsResponse = z.infer<typeof opsMetricsResponseSchema>;

// ---------------------------------------------------------------- audit log

const auditAction = z
  .string()
  .trim()
  .regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*(\.\*)?$/, 'must be a dotted action such as auth.login.failed, or a prefix such as auth.*');

/**
 * `GET /ops/audit`: the audit log, newest first. `actor` is a user id or an
 * email; `q` searches the target and details (ids, emails, plans, job ids...),
 * the request id and the IP; `from`/`to` bound the time (ISO 8601, `from`
 * inclusive, `to` exclusive).
 */
export const auditLogQuerySchema = z
  .strictObject({
    action: auditAction.optional(),
    actor: z.union([z.uuid(), z.email()], { error: 'must be a user id (UUID) or an email' }).optional(),
    q: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    from: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
    to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), { message: 'must be after from', path: ['to'] });
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export const auditLogEntrySchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  action: z.string(),
  /** Null when nobody was signed in (a failed sign-in, a Stripe webhook, the admin CLI). */
  actor: z.object({ id: z.string(), email: z.string().nullable(), displayName: z.string().nullable() }).nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;

export const auditLogPageSchema = z.object({
  items: z.array(auditLogEntrySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: count,
});
export type AuditLogPage = z.infer<typeof auditLogPageSchema>;

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
