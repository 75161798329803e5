import { Redis } from 'ioredis';
import { z } from 'zod';
import { envPart } from '../config/env';

const positiveInt = (what: string) => z.coerce.number().int().positive().describe(what);

/**
 * The generation queue's settings. Shared by the api (which enqueues, and sets
 * each job's attempts and backoff) and the generation worker (which consumes),
 * so it lives here: services may not import each other.
 */
export const generationQueueEnv = envPart(
  {
    GENERATION_CONCURRENCY: positiveInt('generation jobs one worker process renders at once (each in its own thread)').max(64).default(2),
    GENERATION_ATTEMPTS: positiveInt('times a generation job is tried before it is failed (a worker that dies mid-job does not use one up)').max(20).default(3),
    GENERATION_BACKOFF_MS: positiveInt('milliseconds before the first retry of a failed generation job; doubles with each retry').default(2_000),
    GENERATION_TIMEOUT_MS: positiveInt('milliseconds one attempt of a generation job may run before it is stopped and counted as failed').default(120_000),
    GENERATION_LOCK_MS: positiveInt(
      'milliseconds a worker holds a job without renewing its lock; a job whose worker died is taken over by another worker within about twice this',
    )
      .min(1_000)
      .default(10_000),
    GENERATION_STAGE_DELAY_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('testing only: a pause in milliseconds before each stage of a generation job, so tests can act mid-job (refused in production; leave at 0)'),
  },
  (env, ctx) => {
    // composeEnv runs every part's rules on the whole environment; NODE_ENV belongs to platformEnv.
    if (env.GENERATION_STAGE_DELAY_MS > 0 && (env as { NODE_ENV?: unknown }).NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['GENERATION_STAGE_DELAY_MS'], message: 'must be 0 when NODE_ENV=production' });
    }
  },
);
export type GenerationQueueEnv = z.infer<z.ZodObject<typeof generationQueueEnv.shape>>;

/** BullMQ's key prefix under REDIS_KEY_PREFIX, so an installation's queues live beside its other keys. */
export function queuePrefix(redisKeyPrefix: string): string {
  return `${redisKeyPrefix.replace(/:$/, '')}:bull`.replace(/^:/, '');
}

/** The Redis key a cancellation of a generation job is recorded under (read by the worker between stages). */
export function generationCancelKey(redisKeyPrefix: string, jobId: string): string {
  return `${redisKeyPrefix}generation:cancel:${jobId}`;
}

/**
 * A connection for BullMQ. A worker's blocking commands must wait as long as
 * they need (`maxRetriesPerRequest: null`); a producer fails fast instead, so
 * an enqueue while Redis is down answers 503 rather than hanging a request.
 */
export function createQueueRedis(url: string, connectionName: string, role: 'producer' | 'worker'): Redis {
  const client = new Redis(url, {
    connectionName,
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  // Reconnects are reported by /ready; every failed one would otherwise be an unhandled 'error'.
  client.on('error', () => undefined);
  return client;
}
