import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { PlatformEnv } from '../config/platform-env';
import { AppError } from '../errors/app-error';
import { ROOT_LOGGER } from '../logging/logger.tokens';
import { PLATFORM_ENV, REDIS_CLIENT } from '../tokens';

export type RateLimitPolicyName = 'general' | 'auth' | 'generation';
export interface RateLimitPolicy {
  limit: number;
  windowSeconds: number;
}

const RATE_LIMIT_KEY = 'dawg:rate-limit';

/**
 * One round trip and one command per request: count the hit, and start the
 * window's expiry on its first hit (later hits must not extend it).
 */
const HIT_SCRIPT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;
type RateLimitRedis = Redis & { dawgRateLimitHit(key: string, windowMs: number): Promise<number> };

/** Applies a named policy to a route or controller instead of `general`. */
export const RateLimit = (policy: RateLimitPolicyName): MethodDecorator & ClassDecorator => SetMetadata(RATE_LIMIT_KEY, policy);
/** Exempts probes and scrapes, which come from the platform itself. */
export const SkipRateLimit = (): MethodDecorator & ClassDecorator => SetMetadata(RATE_LIMIT_KEY, false);

/** "100/900" -> 100 requests per 900 s. The env schema has checked the format. */
export function parseRatePolicy(value: string): RateLimitPolicy {
  const [limit, windowSeconds] = value.split('/').map(Number);
  return { limit: limit!, windowSeconds: windowSeconds! };
}

/**
 * Fixed-window counters in Redis, so every replica counts against the same
 * limit. Per user when the caller is signed in, else per client IP (behind
 * the proxies TRUST_PROXY names). Register it as a global guard after the
 * auth guard (AuthModule does): an anonymous call to a guarded route is
 * refused (401) before it costs any budget, and the caller is known. Answers carry RateLimit-* headers; over the
 * limit is 429 RATE_LIMITED with Retry-After. If Redis is unreachable the
 * request is let through (and logged): losing limits beats losing the API.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly policies: Record<RateLimitPolicyName, RateLimitPolicy>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    if (!('dawgRateLimitHit' in redis)) redis.defineCommand('dawgRateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.policies = {
      general: parseRatePolicy(env.RATE_LIMIT_GENERAL),
      auth: parseRatePolicy(env.RATE_LIMIT_AUTH),
      generation: parseRatePolicy(env.RATE_LIMIT_GENERATION),
    };
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const name = this.reflector.getAllAndOverride<RateLimitPolicyName | false | undefined>(RATE_LIMIT_KEY, [context.getHandler(), context.getClass()]) ?? 'general';
    // Synchronous on the exempt path: probes pay nothing for rate limiting.
    return name === false ? true : this.consume(name, context);
  }

  private async consume(name: RateLimitPolicyName, context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest & { principal?: { id: string } }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const policy = this.policies[name];
    const subject = req.principal ? `user:${req.principal.id}` : `ip:${req.ip}`;
    const now = Date.now();
    const windowMs = policy.windowSeconds * 1000;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const key = `${this.env.REDIS_KEY_PREFIX}ratelimit:${name}:${subject}:${windowStart}`;

    let count: number;
    try {
      count = Number(await (this.redis as RateLimitRedis).dawgRateLimitHit(key, windowMs));
    } catch (err) {
      this.logger.warn({ err, policy: name }, 'rate limit not applied: Redis unavailable');
      return true;
    }

    const resetSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    void reply.header('ratelimit-limit', policy.limit);
    void reply.header('ratelimit-remaining', Math.max(0, policy.limit - count));
    void reply.header('ratelimit-reset', resetSeconds);
    if (count > policy.limit) {
      void reply.header('retry-after', resetSeconds);
      throw new AppError('RATE_LIMITED', `Too many requests; try again in ${resetSeconds} s.`, { policy: name, limit: policy.limit, windowSeconds: policy.windowSeconds });
    }
    return true;
  }
}
