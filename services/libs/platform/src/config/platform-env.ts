import { z } from 'zod';
import { envPart } from './env';

const port = z.coerce
  .number()
  .int()
  .min(0)
  .max(65535)
  .describe('a TCP port 0-65535 (0 picks a free one)');
const ratePolicy = z.string().regex(/^[1-9]\d*\/[1-9]\d*$/, 'must be requests/seconds, e.g. 100/900');
const positiveMs = (what: string) => z.coerce.number().int().positive().describe(`milliseconds ${what}`);

/** Variables every deployable understands. */
export const platformEnv = envPart(
  {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development').describe('development, test or production'),
    HOST: z.string().default('0.0.0.0').describe('the interface to listen on'),
    PORT: port.default(3000),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('a pino level: fatal, error, warn, info, debug, trace or silent'),
    APP_VERSION: z.string().optional().describe('the version reported by /health (defaults to the package version)'),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/ })
      .describe('a postgres:// connection URL, e.g. postgres://user:pass@127.0.0.1:5432/dawg'),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).describe('a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379'),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[\w:.-]*$/)
      .default('dawg:')
      .describe('a prefix for every Redis key this installation writes'),
    TRUST_PROXY: z
      .string()
      .default('loopback,uniquelocal')
      .describe('which proxies may set X-Forwarded-For: a trust-proxy value such as loopback,uniquelocal, a CIDR list, or a hop count'),
    CORS_ORIGINS: z
      .string()
      .regex(/^(https?:\/\/[^\s,]+)(,https?:\/\/[^\s,]+)*$/, 'must be a comma-separated list of http(s) origins')
      .optional()
      .describe('browser origins allowed to call the API cross-origin, comma-separated (none when unset)'),
    REQUEST_TIMEOUT_MS: positiveMs('a client gets to send a whole request before the connection is closed').default(30_000),
    HTTP_BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 512kb or 1mb')
      .default('1mb')
      .describe('the largest JSON or form body accepted, e.g. 1mb'),
    SHUTDOWN_GRACE_MS: positiveMs('that in-flight requests get to finish after SIGTERM').default(10_000),
    READY_CHECK_TIMEOUT_MS: positiveMs('each /ready dependency check may take').default(2_000),
    RATE_LIMIT_GENERAL: ratePolicy.default('1200/60').describe('requests/seconds per user or IP on most routes (editing in the studio sends a request per edit)'),
    RATE_LIMIT_AUTH: ratePolicy.default('5/900').describe('requests/seconds per IP on sign-up, sign-in and token refresh'),
    RATE_LIMIT_GENERATION: ratePolicy.default('20/3600').describe('requests/seconds per user on generation requests'),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional().describe('an OTLP/HTTP collector URL; tracing is off when unset'),
    SENTRY_DSN: z.url().optional().describe('a Sentry DSN; error reporting is off when unset'),
    SENTRY_ENVIRONMENT: z.string().optional().describe('the environment name reported to Sentry (defaults to NODE_ENV)'),
  },
);

export type PlatformEnv = z.infer<z.ZodObject<typeof platformEnv.shape>>;
