import { z } from 'zod';
import { OPS_SERVICES, type OpsServiceName } from '@dawg/contracts';
import { envPart } from '@dawg/platform';

const positiveMs = (what: string) => z.coerce.number().int().positive().describe(`milliseconds ${what}`);

/**
 * `ai-brain=http://ai-brain:8080,generation=http://generation:8080` → a map.
 * Throws with a readable message; the env schema runs it at boot.
 */
export function parseServiceUrls(value: string): Map<OpsServiceName, string> {
  const urls = new Map<OpsServiceName, string>();
  for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    const name = entry.slice(0, eq).trim();
    const url = entry.slice(eq + 1).trim();
    if (eq <= 0) throw new Error(`"${entry}" is not name=url`);
    if (!(OPS_SERVICES as readonly string[]).includes(name)) throw new Error(`"${name}" is not a service; use ${OPS_SERVICES.join(', ')}`);
    if (urls.has(name as OpsServiceName)) throw new Error(`"${name}" is listed twice`);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`"${url}" (for ${name}) is not a URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`"${url}" (for ${name}) must be http or https`);
    urls.set(name as OpsServiceName, url.replace(/\/+$/, ''));
  }
  if (urls.size === 0) throw new Error('names no service');
  return urls;
}

/** The ops control plane: where the other services are, and how hard to try them. */
export const opsEnv = envPart(
  {
    OPS_SERVICE_URLS: z
      .string()
      .optional()
      .describe(
        `where each service answers, as name=url pairs separated by commas (names: ${OPS_SERVICES.join(', ')}), e.g. ai-brain=http://ai-brain:8080,generation=http://generation:8080; unset when every module runs in this process (unified)`,
      ),
    OPS_HEALTH_TIMEOUT_MS: positiveMs("each service's /ready may take in an ops health check").default(2_000),
    OPS_HEALTH_SAMPLE_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(3_600)
      .default(30)
      .describe('seconds between health samples kept for 24 h uptime (one replica samples per interval; 0 turns sampling off)'),
    OPS_DISPATCH_TIMEOUT_MS: positiveMs('one call to another service may take (per attempt)').default(10_000),
    OPS_RETRY_BASE_DELAY_MS: positiveMs('of backoff before the first retry of a failed service call (doubles, with full jitter)').default(200),
    OPS_RETRY_MAX_DELAY_MS: positiveMs('of backoff at most between retries of a service call').default(2_000),
    OPS_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1_000).default(5).describe('failed calls in a row that open the circuit breaker of a service'),
    OPS_BREAKER_COOLDOWN_MS: positiveMs('an open circuit breaker waits before letting one probe call through').default(30_000),
  },
  (env, ctx) => {
    if (typeof env.OPS_SERVICE_URLS === 'string') {
      try {
        parseServiceUrls(env.OPS_SERVICE_URLS);
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['OPS_SERVICE_URLS'], message: (err as Error).message });
      }
    }
  },
);

export type OpsEnv = z.infer<z.ZodObject<typeof opsEnv.shape>>;
