import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { OpsServiceHealth } from '@dawg/contracts';
import { PLATFORM_ENV, type PlatformEnv, REDIS_CLIENT } from '@dawg/platform';

export const HISTORY_WINDOW_MS = 24 * 3_600_000;

export interface Uptime {
  uptime24h: number | null;
  samples24h: number;
}

/**
 * Health samples per service in Redis: one sorted set per service, scored by
 * the sample's time and trimmed to 24 h, so every replica reads the same history.
 */
@Injectable()
export class HealthHistoryRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv,
  ) {}

  async record(service: string, status: OpsServiceHealth['status'], at: number): Promise<void> {
    const key = this.key(service);
    // The random tail keeps two samples of one millisecond apart (members are unique).
    await this.redis
      .multi()
      .zadd(key, at, `${at}:${status}:${randomBytes(3).toString('hex')}`)
      .zremrangebyscore(key, '-inf', `(${at - HISTORY_WINDOW_MS}`)
      .pexpire(key, HISTORY_WINDOW_MS + 3_600_000)
      .exec();
  }

  /** Share of samples in the last 24 h that found the service up. */
  async uptime(service: string, now: number): Promise<Uptime> {
    const members = await this.redis.zrangebyscore(this.key(service), now - HISTORY_WINDOW_MS, '+inf');
    if (members.length === 0) return { uptime24h: null, samples24h: 0 };
    const up = members.filter((m) => m.split(':')[1] === 'up').length;
    return { uptime24h: Math.round((up / members.length) * 10_000) / 10_000, samples24h: members.length };
  }

  /**
   * Claims sampling slot `slot` for this replica: true for exactly one caller
   * per slot across all replicas (SET NX), so N replicas do not write N samples.
   */
  async claimSampleSlot(slot: number, ttlMs: number): Promise<boolean> {
    const won = await this.redis.set(`${this.env.REDIS_KEY_PREFIX}ops:health:sampler:${slot}`, '1', 'PX', ttlMs, 'NX');
    return won === 'OK';
  }

  private key(service: string): string {
    return `${this.env.REDIS_KEY_PREFIX}ops:health:${service}`;
  }
}
