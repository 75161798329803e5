import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { REDIS_CLIENT, ROOT_LOGGER } from '@dawg/platform';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../gateway-env';

/** What every replica can see about a live session. */
export interface SessionInfo {
  id: string;
  userId: string;
  agent: string | null;
  sshKeyId: string;
  username: string;
  ip: string;
  replica: string;
  startedAt: string;
  expiresAt: string;
  lastActivityAt: string;
  running: string | null;
}

/** Messages between replicas on the control channel. */
export type ControlMessage =
  | { type: 'kill'; sessionId: string; by: string | null; reason: 'killed' }
  | { type: 'end-user'; userId: string; by: string | null; reason: 'locked' }
  | { type: 'approval-decided'; approvalId: string };

// KEYS: leases, user leases, info. ARGV: now, lease expiry, session id, max, max per user, info JSON, user key TTL.
const ACQUIRE = `
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if #expired > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
  for _, id in ipairs(expired) do redis.call('HDEL', KEYS[3], id) end
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 'cap' end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return 'user-cap' end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[3], ARGV[6])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[7]))
return 'ok'
`;

// The window starts with the first failure (works on Redis 6, which has no EXPIRE NX).
const COUNT_FAILURE = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
`;

/**
 * Live sessions in Redis, shared by every gateway replica: the caps (global
 * and per user) are checked and taken in one Lua script, each replica
 * renews leases on the sessions it holds, and kill/lock orders travel on a
 * pub/sub channel to whichever replica holds the connection. Keys share one
 * hash tag, so the script also works on Redis Cluster.
 */
@Injectable()
export class SessionRegistry implements OnModuleDestroy {
  private readonly keys: { leases: string; info: string; control: string; user: (id: string) => string; failures: (ip: string) => string };
  private subscriber: Redis | undefined;
  /** How long a replica's claim on a session lives without renewal: a dead replica's sessions free their slots after this. */
  private readonly leaseMs: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(GATEWAY_SETTINGS) settings: GatewaySettings,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.leaseMs = settings.sessions.leaseMs;
    const base = `${settings.redisKeyPrefix}{gateway}:`;
    this.keys = {
      leases: `${base}sessions:leases`,
      info: `${base}sessions:info`,
      control: `${base}control`,
      user: (id) => `${base}sessions:user:${id}`,
      failures: (ip) => `${base}auth-failures:${ip}`,
    };
  }

  async acquire(info: SessionInfo, caps: { max: number; maxPerUser: number }): Promise<'ok' | 'cap' | 'user-cap'> {
    const now = Date.now();
    return (await this.redis.eval(ACQUIRE, 3, this.keys.leases, this.keys.user(info.userId), this.keys.info, now, now + this.leaseMs, info.id, caps.max, caps.maxPerUser, JSON.stringify(info), this.leaseMs * 3)) as 'ok' | 'cap' | 'user-cap';
  }

  /** Renews this replica's sessions' leases and their shown state. */
  async renew(sessions: SessionInfo[]): Promise<void> {
    if (sessions.length === 0) return;
    const expiry = Date.now() + this.leaseMs;
    const multi = this.redis.multi();
    for (const s of sessions) {
      multi.zadd(this.keys.leases, expiry, s.id);
      multi.zadd(this.keys.user(s.userId), expiry, s.id);
      multi.pexpire(this.keys.user(s.userId), this.leaseMs * 3);
      multi.hset(this.keys.info, s.id, JSON.stringify(s));
    }
    await multi.exec();
  }

  async release(session: Pick<SessionInfo, 'id' | 'userId'>): Promise<void> {
    await this.redis.multi().zrem(this.keys.leases, session.id).zrem(this.keys.user(session.userId), session.id).hdel(this.keys.info, session.id).exec();
  }

  /** Every live session on every replica. */
  async list(): Promise<SessionInfo[]> {
    const now = Date.now();
    const [live, all] = await Promise.all([this.redis.zrangebyscore(this.keys.leases, now, '+inf'), this.redis.hgetall(this.keys.info)]);
    return live.flatMap((id) => {
      const raw = all[id];
      return raw ? [JSON.parse(raw) as SessionInfo] : [];
    });
  }

  async count(): Promise<number> {
    return this.redis.zcount(this.keys.leases, Date.now(), '+inf');
  }

  async publish(message: ControlMessage): Promise<void> {
    await this.redis.publish(this.keys.control, JSON.stringify(message));
  }

  /** Listens on the control channel with a connection of its own (a subscribed connection can do nothing else). */
  async subscribe(onMessage: (message: ControlMessage) => void): Promise<void> {
    const subscriber = this.redis.duplicate({ connectionName: 'dawg-gateway-control', enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: true });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.keys.control) return;
      try {
        onMessage(JSON.parse(raw) as ControlMessage);
      } catch (err) {
        this.logger.warn({ err }, 'ignored a malformed gateway control message');
      }
    });
    await subscriber.connect().catch((err: unknown) => this.logger.warn({ err }, 'gateway control channel: Redis unreachable; retrying in the background'));
    await subscriber.subscribe(this.keys.control).catch((err: unknown) => this.logger.warn({ err }, 'gateway control channel: subscribe failed'));
  }

  /** Counts a failed authentication from `ip`; the first in a window starts it. Returns the count. */
  async recordAuthFailure(ip: string, windowSeconds: number): Promise<number> {
    return (await this.redis.eval(COUNT_FAILURE, 1, this.keys.failures(ip), windowSeconds)) as number;
  }

  async authFailures(ip: string): Promise<number> {
    return Number((await this.redis.get(this.keys.failures(ip))) ?? 0);
  }

  async onModuleDestroy(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
